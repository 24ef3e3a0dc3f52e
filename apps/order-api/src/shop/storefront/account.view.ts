import { html, type HtmlFragment } from '../../web/html.template';

export interface AccountState {
  /** The signed-in customer, from a valid session cookie. */
  customer?: string;
  demoSignInEnabled: boolean;
}

/** Who is shopping: sign out, the demo sign-in form, or why there is none and what to do. */
export function renderAccount({ customer, demoSignInEnabled }: AccountState): HtmlFragment {
  if (customer) {
    return html`<form method="post" action="/shop/sign-out">
      <p>
        Signed in as <strong data-customer>${customer}</strong>.
        <button type="submit" class="secondary">Sign out</button>
      </p>
    </form>`;
  }
  if (!demoSignInEnabled) {
    return html`<p>
        Demo sign-in is unavailable here: it runs only on the local stack (<code>npm start</code>),
        never in production.
      </p>
      <p>
        API clients still order with a token: <code>npm run -s token -- --sub alice</code> prints
        one to send as <code>Authorization: Bearer …</code> (see <a href="/docs">/docs</a> outside
        production).
      </p>`;
  }
  return html`<form method="post" action="/shop/sign-in">
    <p class="muted">
      Demo sign-in (local stack only): pick any customer name; the shop signs a token for it.
    </p>
    <label for="sign-in-customer">Customer name</label>
    <input
      id="sign-in-customer"
      name="customer"
      value="alice"
      required
      maxlength="40"
      pattern="[a-z][a-z0-9\\-]{0,39}"
      aria-describedby="sign-in-hint"
      autocomplete="username"
    />
    <p id="sign-in-hint" class="muted">
      Lower-case letters, digits and dashes, e.g. alice or bob-2.
    </p>
    <button type="submit">Sign in</button>
  </form>`;
}
