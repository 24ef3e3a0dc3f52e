const UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** Bytes from a size as buildah prints it ("278 MB", "1.23 GB": decimal units). */
export function parseHumanSize(text: string): number {
  const match = /^([\d.]+)\s*([kKMGT]?B)$/.exec(text.trim());
  if (!match || !(match[2] in UNITS)) throw new Error(`not a size: ${JSON.stringify(text)}`);
  return Math.round(Number(match[1]) * UNITS[match[2]]);
}

export interface ImageSize {
  image: string;
  bytes: number;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** A Markdown table: each image's size and what it adds on top of the base, uncompressed. */
export function sizeTable(base: ImageSize, images: ImageSize[]): string {
  const rows = images.map(
    ({ image, bytes }) => `| ${image} | ${megabytes(bytes)} | ${megabytes(bytes - base.bytes)} |`,
  );
  return [
    '| image | size | added on top of the base |',
    '| --- | ---: | ---: |',
    `| ${base.image} (base) | ${megabytes(base.bytes)} | |`,
    ...rows,
  ].join('\n');
}
