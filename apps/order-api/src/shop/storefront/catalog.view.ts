import { html, type HtmlFragment } from '../../web/html.template';
import { formatMoney } from '../money.format';

export interface CatalogProduct {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  available: number;
}

/** Availability is refreshed from this one shared endpoint (see renderCatalog). */
export const AVAILABILITY_URL = '/shop/availability';
export const AVAILABILITY_POLL_SECONDS = 5;

/**
 * The catalog table. Its availability cells refresh every few seconds by htmx polling: the
 * response swaps only those cells out of band, so a shopper's focus and cart stay put.
 */
export function renderCatalog(products: CatalogProduct[]): HtmlFragment {
  if (products.length === 0) {
    return html`<p>The catalog is empty: <code>npm start</code> seeds it.</p>`;
  }
  return html`<table
    id="catalog"
    hx-get="${AVAILABILITY_URL}"
    hx-trigger="every ${AVAILABILITY_POLL_SECONDS}s"
    hx-swap="none"
  >
    <caption class="visually-hidden">
      Products, prices and units available
    </caption>
    <thead>
      <tr>
        <th scope="col">Product</th>
        <th scope="col">SKU</th>
        <th scope="col" class="num">Price</th>
        <th scope="col" class="num">Available</th>
        <th scope="col"><span class="visually-hidden">Cart</span></th>
      </tr>
    </thead>
    <tbody>
      ${products.map(
        (product) =>
          html`<tr>
            <th scope="row">${product.name}</th>
            <td><code>${product.sku}</code></td>
            <td class="num">${formatMoney(product.priceCents, product.currency)}</td>
            <td class="num">${renderAvailable(product)}</td>
            <td>
              <button
                type="button"
                class="secondary"
                data-add-to-cart="${product.sku}"
                data-name="${product.name}"
                data-price-cents="${product.priceCents}"
                data-currency="${product.currency}"
              >
                Add <span class="visually-hidden">${product.name}</span> to cart
              </button>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The polling answer: each availability cell, swapped into the page by its id. */
export function renderAvailabilityUpdate(products: CatalogProduct[]): HtmlFragment {
  return html`${products.map((product) => renderAvailable(product, true))}`;
}

function renderAvailable(product: CatalogProduct, outOfBand = false): HtmlFragment {
  const units =
    product.available > 0
      ? html`${product.available}`
      : html`<span class="warn">0, sold out</span>`;
  const id = `available-${product.sku}`;
  return outOfBand
    ? html`<span id="${id}" hx-swap-oob="true">${units}</span>`
    : html`<span id="${id}">${units}</span>`;
}
