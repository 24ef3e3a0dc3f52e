/**
 * A decoded Stripe v1 request body. stripe-node flattens nested params with bracket notation
 * (`metadata[order_id]=…`, `allowed_payment_method_types[0]=card`), so every leaf is a string and every
 * branch an object keyed by the bracket segment; arrays stay objects keyed '0', '1', … and are
 * read as lists only where a param is declared to be one.
 */
export type FormValue = string | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) {
    return [key];
  }
  const head = key.slice(0, open);
  const rest = key.slice(open + 1, -1).split('][');
  return [head, ...rest];
}

function newObject(): FormObject {
  // A null prototype keeps a crafted key such as `__proto__[x]` from reaching Object.prototype.
  return Object.create(null) as FormObject;
}

function assign(target: FormObject, path: string[], value: string): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] === '' ? String(Object.keys(node).length) : path[i];
    const next = node[segment];
    if (typeof next === 'object') {
      node = next;
    } else {
      const created = newObject();
      node[segment] = created;
      node = created;
    }
  }
  const last = path[path.length - 1];
  node[last === '' ? String(Object.keys(node).length) : last] = value;
}

export function decodeForm(encoded: string): FormObject {
  const params = newObject();
  for (const [key, value] of new URLSearchParams(encoded)) {
    assign(params, splitKey(key), value);
  }
  return params;
}

/** Key-order-independent rendering, so two requests with the same params compare equal. */
export function canonicalForm(value: FormValue): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalForm(value[key])}`);
  return `{${entries.join(',')}}`;
}
