import { z } from 'zod';
import { envFields } from './env-fields';

export type DatabaseSslMode = 'disable' | 'require' | 'verify-full';

/** How a process reaches PostgreSQL; libs/persistence turns `ssl` into the driver's options. */
export interface DatabaseConnection {
  url: string;
  ssl: {
    mode: DatabaseSslMode;
    /** PEM CA bundle the server certificate must chain to; unset: Node's public root CAs. */
    ca?: string;
  };
}

/** The database part of every schema that connects: the apps and their migrate entry points. */
export const databaseEnvFields = {
  NODE_ENV: envFields.nodeEnv,
  DATABASE_URL: envFields.databaseUrl,
  DATABASE_SSL: z
    .enum(['disable', 'require', 'verify-full'], {
      message: 'set DATABASE_SSL to disable, require or verify-full',
    })
    .optional(),
  /**
   * The password for DATABASE_URL, kept apart so a secret store can inject it alone (the RDS
   * secret's password field as an ECS or Kubernetes secret) while the URL stays plain config.
   */
  DATABASE_PASSWORD: z.string().min(1, 'DATABASE_PASSWORD must not be empty').optional(),
  /** The PEM itself; usually read from DATABASE_SSL_CA_FILE (see file-variables.reader.ts). */
  DATABASE_SSL_CA: z
    .string()
    .includes('-----BEGIN CERTIFICATE-----', {
      message: 'DATABASE_SSL_CA_FILE must name a PEM file of CA certificates',
    })
    .optional(),
};

type DatabaseEnv = {
  NODE_ENV: 'development' | 'test' | 'production';
  DATABASE_URL: string;
  DATABASE_SSL?: DatabaseSslMode;
  DATABASE_PASSWORD?: string;
  DATABASE_SSL_CA?: string;
};

/** A CA bundle only means something when the certificate is verified; anything else misleads. */
export function checkDatabaseEnv(env: DatabaseEnv, ctx: z.RefinementCtx): void {
  if (env.DATABASE_PASSWORD !== undefined && URL.canParse(env.DATABASE_URL)) {
    if (new URL(env.DATABASE_URL).password !== '') {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_PASSWORD'],
        message: 'DATABASE_URL carries a password too: give it in one place',
      });
    }
  }
  const mode = sslModeOf(env);
  if (env.DATABASE_SSL_CA !== undefined && mode !== 'verify-full') {
    ctx.addIssue({
      code: 'custom',
      path: ['DATABASE_SSL'],
      message: `a CA bundle (DATABASE_SSL_CA_FILE) is used only with DATABASE_SSL=verify-full; the mode is ${mode}`,
    });
  }
}

export function databaseConnection(env: DatabaseEnv): DatabaseConnection {
  return {
    url: withPassword(env.DATABASE_URL, env.DATABASE_PASSWORD),
    ssl: { mode: sslModeOf(env), ca: env.DATABASE_SSL_CA },
  };
}

function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * Production verifies the server's certificate and name unless told otherwise; elsewhere the
 * database is a local one that speaks plain text (the test servers, embedded PostgreSQL).
 */
function sslModeOf(env: DatabaseEnv): DatabaseSslMode {
  return env.DATABASE_SSL ?? (env.NODE_ENV === 'production' ? 'verify-full' : 'disable');
}
