import { html, type HtmlFragment } from './html.template';
import { WEB_ASSETS } from './web-assets';

export interface PageOptions {
  title: string;
  /** Which of the two pages this is: labels the header and picks its client script. */
  section: 'Shop' | 'Operations console';
  main: HtmlFragment;
  /** Extra same-origin scripts served under /assets (never inline: the CSP forbids them). */
  scripts?: string[];
}

/**
 * htmx would otherwise add an inline <style> for its indicators and may evaluate strings; both
 * would break the strict content security policy, so the pages switch them off.
 */
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
});

/** The document every page shares: no inline script or style, readable without CSS. */
export function renderPage({ title, section, main, scripts = [] }: PageOptions): string {
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content="${HTMX_CONFIG}" />
        <title>${title} · Conveyor</title>
        <link rel="stylesheet" href="${WEB_ASSETS.stylesheet}" />
        <!-- An empty icon: otherwise the browser asks for /favicon.ico and logs its 404. -->
        <link rel="icon" href="data:," />
        <script src="${WEB_ASSETS.htmx}" defer></script>
        <script src="${WEB_ASSETS.htmxSse}" defer></script>
        ${scripts.map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        <header class="site-header">
          <a class="brand" href="/shop">Conveyor</a>
          <span class="section">${section}</span>
          <nav aria-label="Pages"><a href="/shop">Shop</a> <a href="/console">Console</a></nav>
        </header>
        <main id="main">${main}</main>
      </body>
    </html> `;
  return page.toString();
}
