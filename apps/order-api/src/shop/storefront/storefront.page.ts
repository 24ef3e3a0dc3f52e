import { html } from '../../web/html.template';
import { renderPage } from '../../web/page.layout';
import { WEB_ASSETS } from '../../web/web-assets';
import { renderAccount, type AccountState } from './account.view';
import { renderCatalog, type CatalogProduct } from './catalog.view';
import { renderCheckout } from './checkout.view';

export interface StorefrontState extends AccountState {
  products: CatalogProduct[];
}

/**
 * The storefront, server-rendered and readable without CSS or JavaScript: who is shopping, the
 * catalog with live availability, the checkout, and the order's live status (an aria-live
 * region the status stream updates).
 */
export function renderStorefront(state: StorefrontState): string {
  const main = html`<h1>Shop</h1>
    <p class="muted">
      A demo storefront on the Conveyor order API: orders go through payment, inventory and shipping
      as queue messages. Cards are Stripe test cards; nothing is charged.
    </p>
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">Account</h2>
      ${renderAccount(state)}
    </section>
    <section aria-labelledby="catalog-heading">
      <h2 id="catalog-heading">Catalog</h2>
      ${renderCatalog(state.products)}
      <p class="muted">
        Availability follows the inventory service and refreshes every few seconds.
      </p>
    </section>
    <section>${renderCheckout(state.customer !== undefined)}</section>
    <section aria-labelledby="order-heading">
      <h2 id="order-heading">Your order</h2>
      <div id="order-status" role="status" aria-live="polite">
        <p class="muted">No order placed yet.</p>
      </div>
    </section>`;
  return renderPage({
    title: 'Shop',
    section: 'Shop',
    main,
    scripts: [WEB_ASSETS.clientScript('shop')],
  });
}
