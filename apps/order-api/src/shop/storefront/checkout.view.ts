import { ISO_COUNTRY_CODES } from '../../orders/place-order/iso-country-codes';
import { html, type HtmlFragment } from '../../web/html.template';

/** Stripe's test PaymentMethods the shop offers, and what the Stripe emulator does with each. */
export const SHOP_TEST_CARDS = [
  { paymentMethod: 'pm_card_visa', label: 'Visa ending 4242', outcome: 'is authorized' },
  {
    paymentMethod: 'pm_card_chargeDeclined',
    label: 'Visa ending 0002',
    outcome: 'is declined (generic decline)',
  },
  {
    paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds',
    label: 'Visa ending 9995',
    outcome: 'is declined (insufficient funds)',
  },
] as const;

const ADDRESS_FIELDS = [
  { name: 'name', label: 'Full name', autocomplete: 'name', value: 'Ada Lovelace', max: 200 },
  {
    name: 'line1',
    label: 'Street and number',
    autocomplete: 'address-line1',
    value: '1 Main Street',
    max: 200,
  },
  {
    name: 'line2',
    label: 'Address line 2 (optional)',
    autocomplete: 'address-line2',
    value: '',
    max: 200,
  },
  { name: 'city', label: 'City', autocomplete: 'address-level2', value: 'Berlin', max: 100 },
  {
    name: 'postalCode',
    label: 'Postal code',
    autocomplete: 'postal-code',
    value: '10115',
    max: 20,
  },
];

/**
 * The cart, the address and the card, and the Place order button. The shop's script fills the
 * cart and sends the order as JSON to `POST /orders`; without a session the button says why
 * it is off.
 */
export function renderCheckout(signedIn: boolean): HtmlFragment {
  return html`<form id="checkout" aria-labelledby="checkout-heading" novalidate>
    <h2 id="checkout-heading">Checkout</h2>
    <section aria-labelledby="cart-heading">
      <h3 id="cart-heading">Cart</h3>
      <p id="cart-empty">Your cart is empty: add products from the catalog.</p>
      <table id="cart" hidden>
        <caption class="visually-hidden">
          Cart
        </caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Quantity</th>
            <th scope="col" class="num">Line total</th>
            <th scope="col"><span class="visually-hidden">Remove</span></th>
          </tr>
        </thead>
        <tbody id="cart-lines"></tbody>
      </table>
      <p>Total: <output id="cart-total" for="cart-lines">nothing yet</output></p>
    </section>
    <fieldset>
      <legend>Shipping address</legend>
      ${ADDRESS_FIELDS.map(
        (field) =>
          html`<label for="address-${field.name}">${field.label}</label>
            <input
              id="address-${field.name}"
              name="${field.name}"
              autocomplete="${field.autocomplete}"
              maxlength="${field.max}"
              value="${field.value}"
              ${field.name === 'line2' ? '' : html`required`}
            />`,
      )}
      <label for="address-country">Country (ISO code)</label>
      <select id="address-country" name="country" autocomplete="country" required>
        ${ISO_COUNTRY_CODES.map(
          (code) =>
            html`<option value="${code}" ${code === 'DE' && html`selected`}>${code}</option>`,
        )}
      </select>
    </fieldset>
    <fieldset>
      <legend>Card (Stripe test cards only)</legend>
      ${SHOP_TEST_CARDS.map(
        (card, index) =>
          html`<div>
            <input
              type="radio"
              id="card-${card.paymentMethod}"
              name="paymentMethod"
              value="${card.paymentMethod}"
              ${index === 0 && html`checked`}
            />
            <label class="inline" for="card-${card.paymentMethod}"
              >${card.label} <span class="muted">— ${card.outcome}</span></label
            >
          </div>`,
      )}
    </fieldset>
    <p>
      <button type="submit" id="place-order" ${!signedIn && html`disabled`}>Place order</button>
      ${!signedIn && html`<span class="muted">Sign in first to place an order.</span>`}
    </p>
    <p id="checkout-message" role="alert"></p>
    <noscript
      ><p class="warn">
        Placing an order needs JavaScript; the rest of this page does not.
      </p></noscript
    >
  </form>`;
}
