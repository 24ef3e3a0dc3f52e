import { sparkline } from './sparkline.svg';

const markupOf = (values: (number | null)[]) => sparkline(values, 'DLQ depth, now 3').toString();

describe('sparkline', () => {
  it('scales the series to the box, the maximum at the top and zero at the bottom', () => {
    const svg = markupOf([0, 5, 10]);
    expect(svg).toContain('<polyline points="0,23 50,12 100,1" />');
    expect(svg).toContain('viewBox="0 0 100 24"');
  });

  it('breaks the line where a value is unknown and marks a lone point', () => {
    const svg = markupOf([1, 2, null, 2]);
    expect(svg).toContain('<polyline points="0,12 33.3,1" />');
    expect(svg).toContain('<circle cx="100" cy="1" r="1.5" />');
  });

  it('draws a flat series of zeros along the bottom, and nothing for no data', () => {
    expect(markupOf([0, 0])).toContain('<polyline points="0,23 100,23" />');
    expect(markupOf([])).not.toMatch(/polyline|circle/);
  });

  it('uses attributes only (the CSP forbids style attributes) and names itself', () => {
    const svg = markupOf([3, 1, 4, 1, 5]);
    expect(svg).not.toMatch(/style=/);
    expect(svg).toContain('aria-label="DLQ depth, now 3"');
    expect(svg).toContain('<title>DLQ depth, now 3</title>');
  });
});
