import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ERRORS_DOC, withErrorCodeTable } from './error-codes.doc';

// `npm run docs:errors` (npm runs it from the repository root): rewrites the code table of
// docs/errors.md from ERROR_CODES.
const file = path.resolve(ERRORS_DOC);
writeFileSync(file, withErrorCodeTable(readFileSync(file, 'utf8')));
process.stdout.write(`${ERRORS_DOC}: error code table written\n`);
