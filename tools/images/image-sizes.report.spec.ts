import { parseHumanSize, sizeTable } from './image-sizes.report';

describe('parseHumanSize', () => {
  it('reads the decimal units buildah prints', () => {
    expect(parseHumanSize('278 MB')).toBe(278_000_000);
    expect(parseHumanSize('1.23 GB')).toBe(1_230_000_000);
    expect(parseHumanSize('987 kB')).toBe(987_000);
    expect(parseHumanSize('12 B')).toBe(12);
  });

  it('refuses anything else', () => {
    expect(() => parseHumanSize('278 MiB')).toThrow('not a size');
    expect(() => parseHumanSize('')).toThrow('not a size');
  });
});

describe('sizeTable', () => {
  it('gives each image its size and what it adds to the base', () => {
    const table = sizeTable({ image: 'base', bytes: 200e6 }, [{ image: 'app', bytes: 260e6 }]);
    expect(table.split('\n')).toEqual([
      '| image | size | added on top of the base |',
      '| --- | ---: | ---: |',
      '| base (base) | 200 MB | |',
      '| app | 260 MB | 60 MB |',
    ]);
  });
});
