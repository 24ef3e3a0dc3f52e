import { html, type HtmlFragment } from '../web/html.template';
import { renderPage } from '../web/page.layout';
import { CSRF_FIELD, CSRF_HEADER } from './session/console-csrf';
import type { ConsoleSession } from './session/console-session';

export interface ConsolePageOptions {
  title: string;
  main: HtmlFragment;
  scripts?: string[];
}

/**
 * A signed-in console page: its own navigation and sign-out, and the session's CSRF token on
 * every htmx request (hx-headers is inherited by everything inside) and in every form.
 */
export function renderConsolePage(session: ConsoleSession, options: ConsolePageOptions): string {
  const headers = JSON.stringify({ [CSRF_HEADER]: session.csrfToken });
  return renderPage({
    title: options.title,
    section: 'Operations console',
    scripts: options.scripts,
    main: html`<div class="console" hx-headers="${headers}">
      <nav class="console-nav" aria-label="Console">
        <a href="/console">Overview</a>
        <a href="/console/dead-letters">Dead letters</a>
        <form class="order-lookup" method="get" action="/console/orders">
          <label class="visually-hidden" for="order-lookup">Order id</label>
          <input id="order-lookup" name="id" placeholder="Order id" required />
          <button class="secondary" type="submit">Open order</button>
        </form>
        <form method="post" action="/console/sign-out">
          ${csrfField(session)}
          <span class="muted">Signed in as ${session.admin.customerId}</span>
          <button class="secondary" type="submit">Sign out</button>
        </form>
      </nav>
      ${options.main}
    </div>`,
  });
}

/** The hidden field a plain (non-htmx) form posts the CSRF token in. */
export function csrfField(session: ConsoleSession): HtmlFragment {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${session.csrfToken}" />`;
}
