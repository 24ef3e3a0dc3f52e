import { isDatabaseUnavailable } from './database-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'a server shutting down',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a crash of another backend', withCode('terminating connection because of crash', '57P02')],
    ['a full pool', new Error('timeout exceeded when trying to connect')],
    ['a silent network', new Error('Query read timeout')],
    [
      'a statement the server cancelled',
      withCode('canceling statement due to statement timeout', '57014'),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value', '23505')],
    ['a syntax error', withCode('syntax error at or near', '42601')],
    ['not an error', 'Query read timeout'],
  ])('does not take %s for an outage', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
