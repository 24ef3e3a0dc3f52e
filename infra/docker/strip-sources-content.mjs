// Drops `sourcesContent` from every source map under a directory, in place. swc embeds the
// TypeScript sources in its maps; the runtime images keep the maps, so stack traces still name
// the .ts file and line (--enable-source-maps), but must not carry the sources themselves.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.argv[2];
if (!root) throw new Error('usage: strip-sources-content.mjs <dir>');

let stripped = 0;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.map')) continue;
  const file = path.join(entry.parentPath, entry.name);
  const map = JSON.parse(readFileSync(file, 'utf8'));
  if (!map.sourcesContent) continue;
  delete map.sourcesContent;
  writeFileSync(file, JSON.stringify(map));
  stripped += 1;
}
process.stdout.write(`stripped sourcesContent from ${stripped} source maps under ${root}\n`);
