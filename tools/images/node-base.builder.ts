import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand, type ContainerEngine } from './container.engine';
import { LOCAL_BASE_IMAGE } from './image.catalog';

const DEBIAN_SUITE = 'bookworm';
const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
/** The npm 11 line, which Node 24 ships; only the build stages use it. */
const NPM_VERSION = '11.21.3';
const BASE_LABEL = 'org.conveyor.node-base';
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** What a container never reads; the official slim images leave these out too. */
const TRIMMED = ['var/lib/apt/lists', 'var/cache/apt', 'usr/share/doc', 'usr/share/man'];
const TRIMMED_ALSO = ['usr/share/info', 'usr/share/locale'];

/** What the local base is made of; a change (a new Node) means building it again. */
export function localBaseKey(nodeVersion = process.version): string {
  return `debian ${DEBIAN_SUITE} minbase, node ${nodeVersion}, npm ${NPM_VERSION}`;
}

/**
 * A stand-in for node:24-bookworm-slim where no registry is reachable: Debian bookworm
 * (debootstrap minbase) with this machine's Node 24 binary and npm laid out as in the official
 * image (/usr/local/bin/node, /usr/local/lib/node_modules/npm, npm and npx links). Kept in the
 * engine's store and built again only when missing or made of another Node or npm.
 */
export function ensureLocalBase(engine: ContainerEngine): string {
  const key = localBaseKey();
  if (engine.label(LOCAL_BASE_IMAGE, BASE_LABEL) === key) {
    console.log(`base: ${LOCAL_BASE_IMAGE} (cached: ${key})`);
    return LOCAL_BASE_IMAGE;
  }
  if (process.versions.node.split('.')[0] !== '24') {
    throw new Error(
      `the local base takes this machine's Node, which must be 24, not ${process.version}`,
    );
  }
  console.log(`base: building ${LOCAL_BASE_IMAGE} (${key})`);
  const work = mkdtempSync(path.join(tmpdir(), 'conveyor-node-base-'));
  try {
    const rootfs = path.join(work, 'rootfs');
    mustRun('debootstrap', ['--variant=minbase', DEBIAN_SUITE, rootfs, DEBIAN_MIRROR]);
    for (const dir of [...TRIMMED, ...TRIMMED_ALSO]) {
      rmSync(path.join(rootfs, dir), { recursive: true, force: true });
      mkdirSync(path.join(rootfs, dir), { recursive: true });
    }
    installNode(rootfs, work);
    commitRootfs(engine, rootfs, key);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return LOCAL_BASE_IMAGE;
}

function installNode(rootfs: string, work: string): void {
  const bin = path.join(rootfs, 'usr/local/bin');
  const npmDir = path.join(rootfs, 'usr/local/lib/node_modules/npm');
  mkdirSync(bin, { recursive: true });
  mkdirSync(npmDir, { recursive: true });
  mustRun('cp', [process.execPath, path.join(bin, 'node')]);
  chmodSync(path.join(bin, 'node'), 0o755);
  mustRun('npm', ['pack', `npm@${NPM_VERSION}`, '--pack-destination', work, '--silent']);
  const tarball = path.join(work, `npm-${NPM_VERSION}.tgz`);
  mustRun('tar', ['-xzf', tarball, '-C', npmDir, '--strip-components=1', '--no-same-owner']);
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(bin, 'npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', path.join(bin, 'npx'));
}

/** buildah: a scratch container filled through its mount; docker: an imported tarball. */
function commitRootfs(engine: ContainerEngine, rootfs: string, key: string): void {
  const config = { env: PATH_ENV, cmd: '["node"]', label: `${BASE_LABEL}=${key}` };
  if (engine.name === 'docker') {
    const changes = `--change 'ENV ${config.env}' --change 'CMD ${config.cmd}' --change 'LABEL ${BASE_LABEL}="${key}"'`;
    mustRun('sh', [
      '-c',
      `tar -C '${rootfs}' -c . | docker import ${changes} - ${LOCAL_BASE_IMAGE}`,
    ]);
    return;
  }
  const container = engine.execOrThrow(['from', 'scratch']);
  try {
    const mount = engine.execOrThrow(['mount', container]);
    mustRun('cp', ['-a', `${rootfs}/.`, `${mount}/`]);
    engine.execOrThrow(['umount', container]);
    engine.execOrThrow([
      'config',
      '--env',
      config.env,
      '--cmd',
      config.cmd,
      '--label',
      config.label,
      container,
    ]);
    engine.execOrThrow(['commit', '--quiet', container, LOCAL_BASE_IMAGE]);
  } finally {
    engine.exec(['rm', container]);
  }
}

function mustRun(command: string, args: string[]): void {
  const outcome = runCommand(command, args);
  if (outcome.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${outcome.status}):\n${outcome.stderr}`);
  }
}
