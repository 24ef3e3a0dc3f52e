import { ERROR_CODES } from './error-codes';

export const ERRORS_DOC = 'docs/errors.md';

const START = '<!-- error-codes:start (npm run docs:errors writes this table from ERROR_CODES) -->';
const END = '<!-- error-codes:end -->';
const HEADER = ['Status', 'Code', 'When'];

/** ERROR_CODES as a markdown table by status, padded as prettier pads it so `lint` accepts it. */
export function renderErrorCodeTable(): string {
  const rows = Object.entries(ERROR_CODES)
    .sort(([, a], [, b]) => a.status - b.status)
    .map(([code, { status, when }]) => [String(status), `\`${code}\``, when]);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(HEADER), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

/** The document with the table between its markers replaced by the current rendering. */
export function withErrorCodeTable(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${ERRORS_DOC} needs the lines\n${START}\n${END}\nwhere the table goes`);
  }
  return `${doc.slice(0, start + START.length)}\n\n${renderErrorCodeTable()}\n\n${doc.slice(end)}`;
}
