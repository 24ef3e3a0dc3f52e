import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sourceMappedFrames } from './source-location.mapper';

describe('sourceMappedFrames', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mapper-'));
    const dir = path.join(root, 'dist/libs/messaging/src');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'queue.consumer.js'), 'a;\nb;\n');
    // Generated line 2 comes from source line 2 (zero-based 1) of the TypeScript file.
    const map = {
      version: 3,
      sources: ['../../../../libs/messaging/src/queue.consumer.ts'],
      names: [],
      mappings: 'AAAA;AACA',
    };
    writeFileSync(path.join(dir, 'queue.consumer.js.map'), JSON.stringify(map));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("names the repository's compiled frames by their TypeScript source and line", () => {
    const url = pathToFileURL(path.join(root, 'dist/libs/messaging/src/queue.consumer.js')).href;
    const frameOf = sourceMappedFrames(root);
    const frame = frameOf({
      functionName: 'handle',
      url,
      lineNumber: 1,
      columnNumber: 0,
      scriptId: '1',
    });
    expect(frame).toMatchObject({
      name: 'handle',
      file: 'libs/messaging/src/queue.consumer.ts',
      line: 2,
      category: 'project',
      area: 'libs/messaging',
    });
  });

  it('keeps the compiled location when there is no source map, and leaves packages alone', () => {
    const frameOf = sourceMappedFrames(root);
    const url = pathToFileURL(path.join(root, 'dist/apps/order-api/src/main.js')).href;
    expect(
      frameOf({ functionName: 'f', url, lineNumber: 3, columnNumber: 0, scriptId: '1' }).file,
    ).toBe('dist/apps/order-api/src/main.js');
    const pg = pathToFileURL(path.join(root, 'node_modules/pg/lib/client.js')).href;
    expect(
      frameOf({ functionName: 'query', url: pg, lineNumber: 0, columnNumber: 0, scriptId: '2' }),
    ).toMatchObject({
      file: 'pg/lib/client.js',
      area: 'pg',
    });
  });
});
