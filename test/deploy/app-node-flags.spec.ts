import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONVEYOR_APPS } from '@conveyor/contracts';
import { APP_NODE_FLAGS, repoRoot } from '@conveyor/dev-stack';

/** The images start the apps with the Node.js flags the local stack and the benchmark use. */
describe('the apps’ Node.js flags', () => {
  const dockerfile = readFileSync(path.join(repoRoot(), 'infra/docker/Dockerfile'), 'utf8');

  it.each(CONVEYOR_APPS)('%s’s image runs node with APP_NODE_FLAGS', (app) => {
    const stage = dockerfile.split(/^FROM /m).find((text) => text.includes(` AS ${app}\n`));
    const cmd = stage?.match(/^CMD (\[.*\])$/m)?.[1];
    expect(cmd && JSON.parse(cmd)).toEqual([
      'node',
      ...APP_NODE_FLAGS,
      `dist/apps/${app}/src/main.js`,
    ]);
  });
});
