import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';

const schema = z.object({
  DATABASE_URL: z.string(),
  AUTH_JWT_SECRET: z.string().min(32, 'AUTH_JWT_SECRET must be at least 32 characters'),
});
const DATABASE_URL = 'postgres://app:db-password-canary@db.internal:5432/conveyor';
const JWT_SECRET = 'jwt-secret-canary-jwt-secret-canary-0123';

/** The lines loadConfig refused with, or the config it loaded. */
function outcome(env: Record<string, string>) {
  try {
    return { config: loadConfig(schema, env) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { problems: error.problems };
  }
}

describe('secrets from files (<NAME>_FILE)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'conveyor-config-'));
  const file = (name: string, content: string) => {
    writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads each secret from its file, trimmed, as Docker and Kubernetes mount them', () => {
    const env = {
      DATABASE_URL_FILE: file('database-url', `${DATABASE_URL}\n`),
      AUTH_JWT_SECRET_FILE: file('jwt', `  ${JWT_SECRET}\r\n`),
    };
    expect(outcome(env)).toEqual({
      config: { DATABASE_URL, AUTH_JWT_SECRET: JWT_SECRET },
    });
  });

  it('refuses a variable set both directly and as a file, in one line', () => {
    const jwtFile = file('jwt-both', JWT_SECRET);
    const env = { DATABASE_URL, AUTH_JWT_SECRET: JWT_SECRET, AUTH_JWT_SECRET_FILE: jwtFile };
    expect(outcome(env)).toEqual({
      problems: [
        `Invalid configuration: AUTH_JWT_SECRET_FILE (got ${JSON.stringify(jwtFile)}): set AUTH_JWT_SECRET or AUTH_JWT_SECRET_FILE, not both`,
      ],
    });
  });

  it.each([
    ['a missing file', path.join(tmpdir(), 'conveyor-no-such-secret'), 'ENOENT'],
    ['a directory', tmpdir(), 'EISDIR'],
  ])('refuses %s in one line naming the variable and the path', (_case, secretPath, code) => {
    const env = { DATABASE_URL, AUTH_JWT_SECRET_FILE: secretPath };
    expect(outcome(env)).toEqual({
      problems: [
        `Invalid configuration: AUTH_JWT_SECRET_FILE (got ${JSON.stringify(secretPath)}): cannot read the file (${code}); point it at a readable file or set AUTH_JWT_SECRET`,
      ],
    });
  });

  it('checks a secret read from a file like one set directly, without showing it', () => {
    const env = { DATABASE_URL, AUTH_JWT_SECRET_FILE: file('short', 'short-secret-canary') };
    const { problems } = outcome(env);
    expect(problems).toEqual([
      'Invalid configuration: AUTH_JWT_SECRET (set, value not shown): AUTH_JWT_SECRET must be at least 32 characters',
    ]);
  });

  it('ignores the file variable of a secret the schema does not use', () => {
    const env = {
      DATABASE_URL,
      AUTH_JWT_SECRET: JWT_SECRET,
      STRIPE_SECRET_KEY_FILE: '/run/secrets/mounted-for-another-app',
    };
    expect(outcome(env)).toEqual({ config: { DATABASE_URL, AUTH_JWT_SECRET: JWT_SECRET } });
  });
});
