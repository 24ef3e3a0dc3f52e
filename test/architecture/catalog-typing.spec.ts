import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '@conveyor/dev-stack';

jest.setTimeout(120_000);

const root = repoRoot();
const CATALOG = path.join(root, 'libs/contracts/src/message-catalog.ts');
const catalogSource = readFileSync(CATALOG, 'utf8');
const APPS = ['order-api', 'payment-worker', 'inventory-worker', 'shipping-worker'].map((app) =>
  path.join(root, 'apps', app, 'src/main.ts'),
);

const parsed = new Map<string, ts.SourceFile | undefined>();

/**
 * Type-checks the four apps as `npm run typecheck` does, with the message catalog's source
 * replaced by `edit(source)`, and returns the errors as `file: message` lines.
 */
function typeErrorsWithCatalog(edit: (source: string) => string): string[] {
  const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), (file) =>
    ts.sys.readFile(file),
  );
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  const edited = edit(catalogSource);
  host.getSourceFile = (file, language, ...rest) => {
    if (path.resolve(file) === CATALOG) return ts.createSourceFile(file, edited, language);
    // Parsed once for all the runs: only the catalog differs between them.
    if (!parsed.has(file)) parsed.set(file, readSource(file, language, ...rest));
    return parsed.get(file);
  };
  const program = ts.createProgram({
    rootNames: APPS,
    options: { ...options, noEmit: true },
    host,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const file = diagnostic.file ? path.relative(root, diagnostic.file.fileName) : '(global)';
    return `${file}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

/** Adds an entry to MESSAGE_CATALOG, as a developer adding a message type would. */
function withEntry(type: string, entry: string) {
  return (source: string) =>
    source.replace('} as const satisfies', `  '${type}': ${entry},\n} as const satisfies`);
}

/** Rewrites one field of one catalog entry. */
function withField(type: string, field: string, value: string) {
  return (source: string) => {
    const start = source.indexOf(`'${type}': {`);
    const end = source.indexOf('},', start);
    const entry = source
      .slice(start, end)
      .replace(new RegExp(`${field}: [^\\n]*,`), `${field}: ${value},`);
    return source.slice(0, start) + entry + source.slice(end);
  };
}

describe('the message catalog, as the type checker enforces it', () => {
  it('type-checks the four apps as they are', () => {
    expect(typeErrorsWithCatalog((source) => source)).toEqual([]);
  });

  it('fails when a type on a queue has no handler in that queue’s consumer', () => {
    const errors = typeErrorsWithCatalog(
      withEntry(
        'inventory.audit-requested',
        `{ queue: 'inventory', version: 1, producers: ['order-api'], orderId: noOrderSchema, payload: restockRequestedSchema }`,
      ),
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^apps\/inventory-worker\/src\/inventory-queue\.consumer\.ts: .*["']inventory\.audit-requested["']+ is missing/,
      ),
    ]);
  });

  it('fails when a consumer has a handler for a type that travels on another queue', () => {
    const errors = typeErrorsWithCatalog(
      withField('inventory.restock-requested', 'queue', `'shipping'`),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^apps\/inventory-worker\/src\/inventory-queue\.consumer\.ts: .*["']inventory\.restock-requested["']+ does not exist/,
        ),
        expect.stringMatching(
          /^apps\/shipping-worker\/src\/shipping-queue\.consumer\.ts: .*["']inventory\.restock-requested["']+ is missing/,
        ),
      ]),
    );
  });

  it('fails when an app emits a type the catalog does not name it a producer of', () => {
    const errors = typeErrorsWithCatalog(
      withField('order.stock-reserved', 'producers', `['payment-worker']`),
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^apps\/inventory-worker\/src\/stock\/reserve-stock\/reserve-stock\.handler\.ts: Argument of type '"order\.stock-reserved"' is not assignable/,
      ),
    ]);
  });
});
