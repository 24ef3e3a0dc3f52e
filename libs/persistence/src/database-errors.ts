const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/**
 * True when the error means "PostgreSQL is unreachable or refusing work right now" rather than
 * "this query is wrong": the API answers 503 and consumers retry later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_ERROR_CODES.has(code)) return true;
    // 08: connection exception, 57P: operator intervention (shutdown), 53300: too many
    // connections, 57014: statement_timeout (the database too slow to answer in time)
    if (/^(08|57P)/.test(code) || code === '53300' || code === '57014') return true;
  }
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Query read timeout/i.test(
    error.message,
  );
}
