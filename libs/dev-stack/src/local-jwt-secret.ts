import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The local stack's token secret: random, made once per machine and kept in the data directory
 * (git-ignored), so no secret is ever committed and tokens survive restarts.
 */
export function localJwtSecret(dataDir: string, create: boolean): string {
  const file = path.join(dataDir, 'auth-jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!create) {
    throw new Error(`No ${file} yet: run \`npm start\` once, or set AUTH_JWT_SECRET`);
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
