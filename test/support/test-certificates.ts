import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCertificates {
  /** The CA that signed the server certificate. */
  caFile: string;
  /** A CA that signed nothing the server holds. */
  otherCaFile: string;
  serverCertFile: string;
  serverKeyFile: string;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string): void {
  openssl(
    dir,
    ...['req', '-x509', '-new', '-nodes', '-days', '1'],
    ...['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
    ...['-keyout', `${name}.key`, '-out', `${name}.crt`, '-subj', `/CN=Conveyor test ${name}`],
    ...['-addext', 'basicConstraints=critical,CA:TRUE'],
    ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  );
}

/**
 * A CA made for the test, a server certificate it signs for 127.0.0.1 and localhost only, and a
 * second CA, with openssl in `dir`: what a managed database's certificate chain looks like.
 */
export function makeTestCertificates(dir: string): TestCertificates {
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  openssl(
    dir,
    ...['req', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
    ...['-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'],
  );
  writeFileSync(
    path.join(dir, 'server.ext'),
    [
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
    ].join('\n'),
  );
  openssl(
    dir,
    ...['x509', '-req', '-in', 'server.csr', '-days', '1', '-extfile', 'server.ext'],
    ...['-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt'],
  );
  return {
    caFile: path.join(dir, 'ca.crt'),
    otherCaFile: path.join(dir, 'other-ca.crt'),
    serverCertFile: path.join(dir, 'server.crt'),
    serverKeyFile: path.join(dir, 'server.key'),
  };
}
