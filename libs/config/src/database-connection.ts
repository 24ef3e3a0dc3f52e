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
  DATABASE_SSL_CA?: string;
};

/** A CA bundle only means something when the certificate is verified; anything else misleads. */
export function checkDatabaseEnv(env: DatabaseEnv, ctx: z.RefinementCtx): void {
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
  return { url: env.DATABASE_URL, ssl: { mode: sslModeOf(env), ca: env.DATABASE_SSL_CA } };
}

/**
 * Production verifies the server's certificate and name unless told otherwise; elsewhere the
 * database is a local one that speaks plain text (the test servers, embedded PostgreSQL).
 */
function sslModeOf(env: DatabaseEnv): DatabaseSslMode {
  return env.DATABASE_SSL ?? (env.NODE_ENV === 'production' ? 'verify-full' : 'disable');
}
