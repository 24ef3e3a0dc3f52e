import { html } from '../../web/html.template';
import { renderPage } from '../../web/page.layout';

/** What a refused console request shows: a whole page, or a fragment for htmx to swap in. */
export function renderRefusal(message: string, partial: boolean): string {
  const body = html`<p class="error" role="alert">${message}</p>
    <p><a href="/console/sign-in">Sign in again</a></p>`;
  if (partial) return body.toString();
  return renderPage({
    title: 'Refused',
    section: 'Operations console',
    main: html`<h1>Refused</h1>
      ${body}`,
  });
}
