/// <reference lib="dom" />
/*
 * The storefront's script (served as /assets/shop.client.js; a plain script, no modules): the
 * cart, and placing the order with POST /orders exactly once per checkout attempt. The session
 * cookie signs the request in; this script never sees the token.
 */
{
  interface CartLine {
    sku: string;
    name: string;
    priceCents: number;
    currency: string;
    quantity: number;
  }
  /** One checkout attempt: the body sent and the Idempotency-Key every retry of it reuses. */
  interface Attempt {
    key: string;
    body: string;
  }
  interface Htmx {
    ajax(verb: string, path: string, context: { target: string; swap: string }): Promise<void>;
  }

  const REQUEST_TIMEOUT_MS = 10_000;
  const KEY_IN_USE_RETRIES = 5;
  const cart = new Map<string, CartLine>();
  let attempt: Attempt | undefined;
  let inFlight = false;

  const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const say = (text: string) => (byId('checkout-message').textContent = text);

  function formatMoney(minorUnits: number, currency: string): string {
    const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minorUnits / 10 ** digits);
  }

  /** A v4 UUID; crypto.randomUUID exists only in secure contexts (https or localhost). */
  function newIdempotencyKey(): string {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function element(tag: string, text = '', attributes: Record<string, string> = {}) {
    const node = document.createElement(tag);
    node.textContent = text;
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  }

  function cartRow(line: CartLine): HTMLTableRowElement {
    const row = document.createElement('tr');
    row.append(element('th', line.name, { scope: 'row' }));
    const quantity = element('td');
    const id = `quantity-${line.sku}`;
    quantity.append(
      element('label', `Quantity of ${line.name}`, { for: id, class: 'visually-hidden' }),
      element('input', '', {
        id,
        type: 'number',
        min: '1',
        max: '100',
        value: String(line.quantity),
        'data-cart-quantity': line.sku,
      }),
    );
    const remove = element('button', 'Remove ', {
      type: 'button',
      class: 'secondary',
      'data-remove-from-cart': line.sku,
    });
    remove.append(element('span', line.name, { class: 'visually-hidden' }));
    const removeCell = element('td');
    removeCell.append(remove);
    row.append(quantity, element('td', '', { class: 'num', id: `line-total-${line.sku}` }));
    row.append(removeCell);
    return row;
  }

  function renderCart(): void {
    byId('cart-lines').replaceChildren(...[...cart.values()].map(cartRow));
    byId('cart').hidden = cart.size === 0;
    byId('cart-empty').hidden = cart.size > 0;
    updateTotals();
  }

  function updateTotals(): void {
    for (const line of cart.values()) {
      byId(`line-total-${line.sku}`).textContent = formatMoney(
        line.priceCents * line.quantity,
        line.currency,
      );
    }
    const currencies = new Set([...cart.values()].map((line) => line.currency));
    const total = [...cart.values()].reduce(
      (sum, line) => sum + line.priceCents * line.quantity,
      0,
    );
    byId('cart-total').textContent =
      cart.size === 0
        ? 'nothing yet'
        : currencies.size > 1
          ? 'items in more than one currency cannot be ordered together'
          : formatMoney(total, [...currencies][0]);
  }

  function addToCart(button: HTMLElement): void {
    const sku = button.dataset.addToCart!;
    const line = cart.get(sku);
    if (line) line.quantity = Math.min(line.quantity + 1, 100);
    else {
      cart.set(sku, {
        sku,
        name: button.dataset.name ?? sku,
        priceCents: Number(button.dataset.priceCents),
        currency: button.dataset.currency ?? 'EUR',
        quantity: 1,
      });
    }
    renderCart();
    say(`${button.dataset.name ?? sku} is in the cart (${cart.get(sku)!.quantity}).`);
  }

  function orderBody(form: HTMLFormElement): string {
    const fields = new FormData(form);
    const text = (name: string) => {
      const value = fields.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const shippingAddress: Record<string, string> = {
      name: text('name'),
      line1: text('line1'),
      city: text('city'),
      postalCode: text('postalCode'),
      country: text('country'),
    };
    if (text('line2')) shippingAddress.line2 = text('line2');
    const items = [...cart.values()].map(({ sku, quantity }) => ({ sku, quantity }));
    return JSON.stringify({ items, paymentMethod: text('paymentMethod'), shippingAddress });
  }

  /** Sends the attempt; a twin still in progress (409 KEY_IN_USE) is waited for, same key. */
  async function send(current: Attempt): Promise<Response> {
    for (let tries = 1; ; tries++) {
      const response = await fetch('/orders', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'idempotency-key': current.key },
        body: current.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (response.status !== 409 || tries >= KEY_IN_USE_RETRIES) return response;
      const problem = (await response.clone().json()) as { code?: string };
      if (problem.code !== 'IDEMPOTENCY.KEY_IN_USE') return response;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  async function accepted(response: Response): Promise<void> {
    const order = (await response.json()) as { id: string };
    attempt = undefined;
    cart.clear();
    renderCart();
    say('Order accepted: its status follows under "Your order".');
    const htmx = (window as unknown as { htmx: Htmx }).htmx;
    await htmx.ajax('GET', `/shop/orders/${order.id}`, {
      target: '#order-status',
      swap: 'innerHTML',
    });
  }

  async function refused(response: Response): Promise<void> {
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    const why = `${problem.code ?? response.status}: ${problem.detail ?? response.statusText}`;
    // Only an answer that says the request itself is wrong ends the attempt; after anything
    // else a retry must reuse the key, or the order could be placed twice.
    const retryable = response.status >= 500 || [401, 408, 409, 429].includes(response.status);
    if (!retryable) attempt = undefined;
    if (response.status === 401) say(`Your session has ended: sign in again (${why}).`);
    else if (retryable)
      say(`Not placed yet (${why}). Press Place order to retry: it cannot order twice.`);
    else say(`The order was refused: ${why}`);
  }

  async function placeOrder(form: HTMLFormElement): Promise<void> {
    if (inFlight) return;
    if (cart.size === 0) return void say('Add something from the catalog to the cart first.');
    if (!form.reportValidity()) return;
    const body = orderBody(form);
    // A changed cart, address or card is a new attempt; the same one retried keeps its key.
    if (!attempt || attempt.body !== body) attempt = { key: newIdempotencyKey(), body };
    const button = byId<HTMLButtonElement>('place-order');
    inFlight = true;
    button.disabled = true;
    say('Placing the order…');
    try {
      const response = await send(attempt);
      await (response.ok ? accepted(response) : refused(response));
    } catch {
      say('No answer from the shop in time. Press Place order to retry: it cannot order twice.');
    } finally {
      inFlight = false;
      button.disabled = false;
    }
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const add = target?.closest<HTMLElement>('[data-add-to-cart]');
    if (add) return addToCart(add);
    const remove = target?.closest<HTMLElement>('[data-remove-from-cart]');
    if (remove) {
      cart.delete(remove.dataset.removeFromCart!);
      renderCart();
      say('Removed from the cart.');
    }
  });

  document.addEventListener('input', (event) => {
    const input = event.target instanceof HTMLInputElement ? event.target : null;
    const line = input?.dataset.cartQuantity ? cart.get(input.dataset.cartQuantity) : undefined;
    if (!line || !input) return;
    const quantity = Math.trunc(Number(input.value));
    if (quantity >= 1 && quantity <= 100) line.quantity = quantity;
    updateTotals();
  });

  document.addEventListener('submit', (event) => {
    if (!(event.target instanceof HTMLFormElement) || event.target.id !== 'checkout') return;
    event.preventDefault();
    void placeOrder(event.target);
  });
}
