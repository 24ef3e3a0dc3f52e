import type { TlsOptions } from 'node:tls';
import type { DatabaseConnection } from '@conveyor/config';

/**
 * DATABASE_SSL as the pg driver's `ssl` option. `require` encrypts but takes any certificate (as
 * libpq's sslmode=require); `verify-full` checks the chain against the CA bundle (Node's public
 * roots when none is given) and the certificate's name against the host, which pg passes to TLS.
 */
export function postgresSslOptions(ssl: DatabaseConnection['ssl']): false | TlsOptions {
  switch (ssl.mode) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      return { rejectUnauthorized: true, ...(ssl.ca === undefined ? {} : { ca: ssl.ca }) };
  }
}
