import { escapeHtml, html, trusted } from './html.template';

describe('html', () => {
  it('escapes interpolated text, including attribute quotes', () => {
    const name = `<script>alert("x")</script>' onload='`;
    expect(html`<p title="${name}">${name}</p>`.toString()).toBe(
      `<p title="${escapeHtml(name)}">${escapeHtml(name)}</p>`,
    );
    expect(escapeHtml(name)).not.toMatch(/[<>"']/);
  });

  it('keeps fragments and joins lists without commas', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    const list = html`<ul>
      ${items}
    </ul>`.toString();
    // Prettier formats html`` templates as HTML, so compare without layout whitespace.
    expect(list.replace(/\s+/g, '')).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`${trusted('<hr>')}${null}${false}${0}`.toString()).toBe('<hr>0');
  });
});
