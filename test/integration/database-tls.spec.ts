import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConnection } from '@conveyor/config';
import {
  freePort,
  startServiceProcess,
  waitUntilReady,
  withPostgresClient,
} from '@conveyor/dev-stack';
import { serviceDataSourceOptions } from '@conveyor/persistence';
import { productionEnvFor, runEntryPoint } from '../support/production-env';
import { testEnvironment, uniquePrefix } from '../support/test-context';
import { provisionTestQueues } from '../support/test-queues';
import { startTlsPostgres, type TlsPostgres } from '../support/tls-postgres.server';

jest.setTimeout(120_000);

/** Connects as every app does (serviceDataSourceOptions) and asks the server whether it is TLS. */
async function sslInUse(url: string, ssl: DatabaseConnection['ssl']): Promise<boolean> {
  const options = { url, ssl, poolSize: 1, schema: 'public', applicationName: 'tls-test' };
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  try {
    const rows: { ssl: boolean }[] = await dataSource.query(
      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    return rows[0].ssl;
  } finally {
    await dataSource.destroy();
  }
}

describe('DATABASE_SSL against a PostgreSQL whose certificate comes from a test CA', () => {
  let server: TlsPostgres;
  const ca = () => readFileSync(server.certificates.caFile, 'utf8');

  beforeAll(async () => {
    server = await startTlsPostgres();
  }, 60_000);

  afterAll(() => server?.stop());

  it('disable speaks plain text', async () => {
    expect(await sslInUse(server.urlVia('127.0.0.1'), { mode: 'disable' })).toBe(false);
  });

  it('require encrypts, whoever signed the certificate', async () => {
    expect(await sslInUse(server.urlVia('127.0.0.1'), { mode: 'require' })).toBe(true);
  });

  it.each(['127.0.0.1', 'localhost'])(
    'verify-full connects to %s, a name the certificate holds, with the CA that signed it',
    async (host) => {
      expect(await sslInUse(server.urlVia(host), { mode: 'verify-full', ca: ca() })).toBe(true);
    },
  );

  it.each([
    ['another CA', () => readFileSync(server.certificates.otherCaFile, 'utf8')],
    ['no CA bundle (Node’s public roots)', () => undefined],
  ])('verify-full refuses the certificate given %s', async (_given, caOf) => {
    const connecting = sslInUse(server.urlVia('127.0.0.1'), { mode: 'verify-full', ca: caOf() });
    await expect(connecting).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('verify-full refuses a host name the certificate does not hold', async () => {
    const connecting = sslInUse(server.urlVia('127.0.0.2'), { mode: 'verify-full', ca: ca() });
    await expect(connecting).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  describe('an app with NODE_ENV=production and no DATABASE_SSL', () => {
    const env = testEnvironment();
    const secretsDir = mkdtempSync(path.join(tmpdir(), 'conveyor-tls-app-'));
    const setup = { prefix: uniquePrefix('tls'), secretsDir };
    const migrate = 'apps/inventory-worker/src/migrate.main.js';

    /** The worker's production settings, its database the TLS server, DATABASE_SSL left unset. */
    const productionEnv = (caFile?: string) => {
      const settings = productionEnvFor('inventory-worker', setup);
      delete settings.DATABASE_SSL;
      settings.DATABASE_URL = server.urlVia('127.0.0.1');
      return caFile ? { ...settings, DATABASE_SSL_CA_FILE: caFile } : settings;
    };

    afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

    it.each([
      ['no CA bundle', () => undefined],
      ['another CA', () => server.certificates.otherCaFile],
    ])('verifies the server by default: migrations with %s fail', async (_given, caFile) => {
      const run = await runEntryPoint(migrate, productionEnv(caFile()));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('unable to verify the first certificate');
    });

    it('migrates and runs over verified TLS with the CA bundle: every connection encrypted', async () => {
      const settings = productionEnv(server.certificates.caFile);
      const migrated = await runEntryPoint(migrate, settings);
      expect(migrated).toMatchObject({ code: 0, stderr: '' });
      expect(migrated.stdout).toMatch(/^inventory-worker: \d+ migration\(s\) applied/);

      await provisionTestQueues(env.CONVEYOR_TEST_SQS_ENDPOINT, setup.prefix, 'standard');
      const port = await freePort();
      const worker = startServiceProcess({
        app: 'inventory-worker',
        env: { ...settings, HTTP_PORT: String(port) },
      });
      try {
        await waitUntilReady(worker, port);
        const connections = await withPostgresClient(server.urlVia('127.0.0.1'), async (sql) => {
          const { rows } = await sql.query<{ ssl: boolean }>(
            `SELECT s.ssl FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
             WHERE a.application_name = 'inventory-worker'`,
          );
          return rows.map((row) => row.ssl);
        });
        expect(connections.length).toBeGreaterThan(0);
        expect(connections.every(Boolean)).toBe(true);
      } finally {
        expect(await worker.stop()).toBe(0);
      }
    });
  });
});
