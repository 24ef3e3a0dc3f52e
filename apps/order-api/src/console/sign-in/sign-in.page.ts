import { html } from '../../web/html.template';
import { renderPage } from '../../web/page.layout';

/** The sign-in form: an administrator pastes their access token (npm run -s token -- --sub you --role admin). */
export function renderSignInPage(error?: string): string {
  return renderPage({
    title: 'Sign in',
    section: 'Operations console',
    main: html`<h1>Operations console</h1>
      <section class="sign-in">
        <form method="post" action="/console/sign-in">
          <label for="token">Administrator access token</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            required
            aria-describedby="token-help"
          />
          <p id="token-help" class="muted">
            A JWT with the admin role. Locally:
            <code>npm run -s token -- --sub you --role admin</code>. It is kept in an HttpOnly
            cookie for this path only.
          </p>
          ${error ? html`<p class="error" role="alert">${error}</p>` : null}
          <button type="submit">Sign in</button>
        </form>
      </section>`,
  });
}
