/**
 * Why the console turned a request away; ConsoleRefusalFilter turns it into a page, a redirect
 * to the sign-in form, or a fragment htmx can show. Never a problem+json: a browser reads these.
 */
export class ConsoleRefusal extends Error {
  constructor(
    readonly kind: 'sign-in' | 'forbidden',
    message: string,
  ) {
    super(message);
  }

  static signIn(): ConsoleRefusal {
    return new ConsoleRefusal('sign-in', 'Sign in with an administrator token');
  }

  static forbidden(message: string): ConsoleRefusal {
    return new ConsoleRefusal('forbidden', message);
  }
}
