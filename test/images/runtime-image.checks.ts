import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageConfig } from './image.container';

const PACKAGE_MANAGERS = ['npm', 'npx', 'corepack', 'yarn', 'yarnpkg'];

/** Whether a path exists in the image itself: links are not followed out of it. */
function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function packageManagers(rootfs: string, config: ImageConfig): string[] {
  const pathEnv = (config.Env ?? []).find((entry) => entry.startsWith('PATH='));
  const dirs = [
    ...(pathEnv?.slice('PATH='.length).split(':') ?? []),
    '/usr/local/lib/node_modules',
  ];
  return dirs.flatMap((dir) =>
    PACKAGE_MANAGERS.map((name) => path.join(dir, name)).filter((file) =>
      present(path.join(rootfs, file)),
    ),
  );
}

/** TypeScript files, and source maps that embed the sources, under the app's directory. */
function typeScriptSources(appDir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(appDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const isMapWithSources =
      entry.name.endsWith('.map') && readFileSync(file, 'utf8').includes('"sourcesContent"');
    if (/\.[cm]?ts$/.test(entry.name) || isMapWithSources) {
      found.push(path.relative(appDir, file));
    }
  }
  return found;
}

/**
 * What a runtime image must not carry: a package manager on its PATH, TypeScript sources (also
 * inside source maps) and any package only development needs. Empty when clean.
 */
export function runtimeImageFindings(
  rootfs: string,
  config: ImageConfig,
  developmentOnly: string[],
): string[] {
  const appDir = path.join(rootfs, config.WorkingDir ?? '/app');
  return [
    ...packageManagers(rootfs, config).map((file) => `package manager ${file}`),
    ...typeScriptSources(appDir).map((file) => `TypeScript source ${file}`),
    ...developmentOnly
      .filter((name) => present(path.join(appDir, 'node_modules', name)))
      .map((name) => `development-only package ${name}`),
  ];
}

/** A user's id from the image's own /etc/passwd. */
export function imageUserId(rootfs: string, user: string): number | undefined {
  const passwd = readFileSync(path.join(rootfs, 'etc/passwd'), 'utf8');
  const line = passwd.split('\n').find((entry) => entry.startsWith(`${user}:`));
  return line ? Number(line.split(':')[2]) : undefined;
}
