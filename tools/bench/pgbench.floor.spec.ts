import {
  parsePgbenchProgress,
  parsePgbenchTotal,
  pgbenchLiteral,
  pgbenchScript,
  windowRate,
} from './pgbench.floor';

/** What PostgreSQL reads from a JSON literal: the quotes undone, then the JSON parsed. */
function readJsonLiteral(literal: string): unknown {
  return JSON.parse(literal.slice(1, -1).replace(/''/g, "'"));
}

/** What PostgreSQL reads from an E'' literal (only the escapes pgbenchLiteral writes). */
function readTextLiteral(literal: string): string {
  return literal
    .slice(2, -1)
    .replace(/''/g, "'")
    .replace(/\\x3a|\\\\/g, (escape) => (escape === '\\x3a' ? ':' : '\\'));
}

/** pgbench's `:name` variables: a colon before a letter, digit or underscore, not a `::` cast. */
const variables = (sql: string) =>
  [...sql.replace(/::/g, '').matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);

describe('pgbench floor', () => {
  const value = {
    at: '2026-11-29T14:07:11.278Z',
    totalCents: 2500,
    note: "it's: fine, a:b, 'quoted'",
    nested: [{ sealed: 'v1:kid:abc', n: null }],
  };

  it('writes JSON so that pgbench sees no variable in it and PostgreSQL reads it unchanged', () => {
    const literal = pgbenchLiteral(value);
    expect(variables(literal)).toEqual([]);
    expect(readJsonLiteral(literal)).toEqual(value);
  });

  it('writes text as an escape string with the same guarantee', () => {
    const text = "a:b c: d 'e' \\f";
    const literal = pgbenchLiteral(text);
    expect(literal.startsWith("E'")).toBe(true);
    expect(variables(literal)).toEqual([]);
    expect(readTextLiteral(literal)).toBe(text);
  });

  it('has one statement whose only variable is the client id', () => {
    const script = pgbenchScript();
    expect(new Set(variables(script))).toEqual(new Set(['client_id']));
    expect(script.trimEnd().endsWith(';')).toBe(true);
    expect(script.match(/;/g)).toHaveLength(1);
    for (const table of ['orders', 'order_items', 'idempotency_keys', 'outbox']) {
      expect(script).toContain(`INSERT INTO bench_floor.${table} `);
    }
  });

  it('reads the progress reports and averages those inside the window', () => {
    const lines = [
      'progress: 1.0 s, 100.0 tps, lat 7.6 ms stddev 3.1, 0 failed',
      'progress: 2.0 s, 200.5 tps, lat 7.6 ms stddev 3.1, 0 failed',
      'progress: 3.0 s, 300.5 tps, lat 7.6 ms stddev 3.1, 0 failed',
      'progress: 4.0 s, 1000.0 tps, lat 7.6 ms stddev 3.1, 0 failed',
      'pgbench (15.20)',
    ];
    const progress = lines.flatMap((line) => parsePgbenchProgress(line) ?? []);
    expect(progress).toHaveLength(4);
    expect(progress[1]).toEqual({ at: 2, tps: 200.5 });
    expect(windowRate(progress, 1, 3)).toBe(250.5);
    expect(windowRate(progress, 5, 6)).toBeNaN();
  });

  it('reads the transactions of the whole run from the summary', () => {
    const summary =
      'duration: 2 s\nnumber of transactions actually processed: 65668\nlatency average = 0.052 ms';
    expect(parsePgbenchTotal(summary)).toBe(65668);
    expect(parsePgbenchTotal('nothing')).toBeNaN();
  });
});
