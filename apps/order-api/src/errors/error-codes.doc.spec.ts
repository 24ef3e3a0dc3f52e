import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@conveyor/dev-stack';
import { ERROR_CODES, type ErrorCode } from './error-codes';
import { ERRORS_DOC, withErrorCodeTable } from './error-codes.doc';

const doc = readFileSync(path.join(repoRoot(), ERRORS_DOC), 'utf8');

describe(ERRORS_DOC, () => {
  it('lists exactly ERROR_CODES (if not, regenerate it with `npm run docs:errors`)', () => {
    expect(doc).toBe(withErrorCodeTable(doc));
  });

  it('shows only examples with codes of the table, at their status', () => {
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map(
      ([, json]) => JSON.parse(json) as { code: ErrorCode; status?: number; type?: string },
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      expect(ERROR_CODES[example.code]).toBeDefined();
      if (example.status) expect(example.status).toBe(ERROR_CODES[example.code].status);
      if (example.type)
        expect(example.type).toBe(`urn:conveyor:problem:${example.code.toLowerCase()}`);
    }
  });

  it('refuses a document without the markers of the table, rather than appending it', () => {
    expect(() => withErrorCodeTable('# Error codes\n')).toThrow(/needs the lines/);
  });
});
