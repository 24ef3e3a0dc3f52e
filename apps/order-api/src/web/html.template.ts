/** Markup that is already safe to emit: built by `html` or a trusted constant. */
export class HtmlFragment {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

type Interpolation = HtmlFragment | string | number | boolean | null | undefined | Interpolation[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/**
 * Server-rendered pages are built only through this tag: every interpolated value is escaped
 * unless it is itself a fragment, so data from orders, messages and users cannot become markup.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): HtmlFragment {
  let markup = strings[0];
  values.forEach((value, index) => {
    markup += render(value) + strings[index + 1];
  });
  return new HtmlFragment(markup);
}

/** Trusted markup that needs no escaping (a constant, never user data). */
export function trusted(markup: string): HtmlFragment {
  return new HtmlFragment(markup);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof HtmlFragment) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}
