import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONVEYOR_APPS } from '@conveyor/contracts';
import { APP_NODE_FLAGS, repoRoot } from '@conveyor/dev-stack';

/** Preloaded into an app: as it exits, reports which loaded modules had their source maps read. */
const SOURCE_MAP_PROBE = `
const { findSourceMap, getSourceMapsSupport } = require('node:module');
process.on('exit', () => {
  const loaded = Object.keys(require.cache);
  const own = loaded.filter((file) => file.includes('/dist/') && !file.includes('/node_modules/'));
  const packages = loaded.filter((file) => file.includes('/node_modules/'));
  process.stdout.write('PROBE ' + JSON.stringify({
    support: getSourceMapsSupport(),
    ownUnmapped: own.filter((file) => !findSourceMap(file)).map((file) => file.split('/dist/')[1]),
    ownMapped: own.filter((file) => findSourceMap(file)).length,
    packages: packages.length,
    packagesMapped: packages.filter((file) => findSourceMap(file)).length,
  }) + '\\n');
});
`;

describe('the apps’ Node.js flags', () => {
  const dockerfile = readFileSync(path.join(repoRoot(), 'infra/docker/Dockerfile'), 'utf8');

  /** The images start the apps with the Node.js flags the local stack and the benchmark use. */
  it.each(CONVEYOR_APPS)('%s’s image runs node with APP_NODE_FLAGS', (app) => {
    const stage = dockerfile.split(/^FROM /m).find((text) => text.includes(` AS ${app}\n`));
    const cmd = stage?.match(/^CMD (\[.*\])$/m)?.[1];
    expect(cmd && JSON.parse(cmd)).toEqual([
      'node',
      ...APP_NODE_FLAGS,
      `dist/apps/${app}/src/main.js`,
    ]);
  });

  it('leaves packages’ source maps to the apps, which read only their own', () => {
    expect(APP_NODE_FLAGS).not.toContain('--enable-source-maps');
  });

  describe('source maps', () => {
    let directory: string;
    let probe: string;

    beforeAll(() => {
      directory = mkdtempSync(path.join(tmpdir(), 'source-map-probe-'));
      probe = path.join(directory, 'probe.cjs');
      writeFileSync(probe, SOURCE_MAP_PROBE);
    });

    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    // The app exits at its config check (production, nothing set), after loading its modules.
    it.each(CONVEYOR_APPS)('%s reads the source maps of this repository’s code only', (app) => {
      const run = spawnSync(
        process.execPath,
        [...APP_NODE_FLAGS, '-r', probe, path.join(repoRoot(), `dist/apps/${app}/src/main.js`)],
        { env: { NODE_ENV: 'production' }, encoding: 'utf8' },
      );
      const line = run.stdout.split('\n').find((text) => text.startsWith('PROBE '));
      expect(run.stderr).toMatch(/Invalid configuration: .*DATABASE_URL/);
      const report = JSON.parse(line?.slice('PROBE '.length) ?? 'null');
      expect(report.support).toEqual({ enabled: true, nodeModules: false, generatedCode: false });
      // Only the two modules compiled before the switch: main.js and the switch itself.
      expect(report.ownUnmapped.sort()).toEqual(
        [`apps/${app}/src/main.js`, 'libs/source-maps/src/index.js'].sort(),
      );
      expect(report.ownMapped).toBeGreaterThan(50);
      expect(report.packages).toBeGreaterThan(100);
      expect(report.packagesMapped).toBe(0);
    });
  });
});
