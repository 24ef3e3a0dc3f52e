import { CLIENT_ERROR_CODES } from '@conveyor/observability';
import { ERROR_CODES, type ErrorCode } from './error-codes';

describe('ERROR_CODES', () => {
  it.each(Object.entries(ERROR_CODES))('%s is AREA.REASON with a one-line when', (code, entry) => {
    expect(code).toMatch(/^[A-Z]+\.[A-Z]+(_[A-Z]+)*$/);
    expect(entry.status).toBeGreaterThanOrEqual(400);
    expect(entry.when).toMatch(/^[^\n|]+$/);
  });

  // Node refuses these requests before the app sees them, so the table must list them itself.
  it.each(Object.entries(CLIENT_ERROR_CODES))(
    'lists %s %s, which the HTTP bootstrap answers',
    (status, code) => {
      expect(ERROR_CODES[code as ErrorCode]?.status).toBe(Number(status));
    },
  );
});
