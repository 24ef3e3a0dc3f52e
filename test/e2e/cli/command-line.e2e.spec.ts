import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@conveyor/dev-stack';

/** Every command a person runs, as its compiled entry point (npm run … builds and runs these). */
const COMMANDS = {
  'npm start': 'dist/tools/local-stack/local-stack.main.js',
  'npm run migrate': 'dist/tools/cli/migrate-all.main.js',
  'npm run queues:provision': 'dist/tools/cli/provision-queues.main.js',
  'npm run token': 'dist/tools/cli/issue-token.main.js',
  'npm run dlq': 'dist/tools/cli/dlq.main.js',
  'npm run bench': 'dist/tools/bench/bench.main.js',
  'npm run loadtest': 'dist/tools/loadtest/loadtest.main.js',
  'the Stripe emulator': 'dist/tools/stripe-emulator/stripe-emulator.main.js',
};

/** Runs a command with no configuration at all: --help must not need any. */
function run(entry: string, args: string[]) {
  const result = spawnSync(process.execPath, [path.join(repoRoot(), entry), ...args], {
    env: { PATH: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(Object.entries(COMMANDS))('%s', (_name, entry) => {
  it('prints its usage for --help and exits 0', () => {
    const result = run(entry, ['--help']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^usage:/);
  });

  it('answers an unknown flag with the usage and one line saying what was wrong, exit 2', () => {
    const result = run(entry, ['--no-such-flag']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    const usage = run(entry, ['--help']).stdout;
    expect(result.stderr.startsWith(usage)).toBe(true);
    const explanation = result.stderr.slice(usage.length).trim();
    expect(explanation).toMatch(/no-such-flag/);
    expect(explanation.split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('a bad value', () => {
  it.each([
    ['npm run dlq', ['redrive', 'nowhere'], 'unknown queue nowhere'],
    ['npm run dlq', ['stats', '--rate', '5'], '--rate and --max belong to redrive'],
    [
      'npm run dlq',
      ['redrive', 'payments', '--rate', '0'],
      '--rate must be a number above 0 and at most 500, got 0',
    ],
    [
      'npm run dlq',
      ['redrive', 'payments', '--max', '2.5'],
      '--max must be a whole number from 1 to 100000, got 2.5',
    ],
    ['npm run dlq', ['peek'], 'unknown queue (none)'],
    [
      'npm run dlq',
      ['purge', 'shipping'],
      'purge drops every message of the shipping DLQ: add --yes to confirm',
    ],
    [
      'npm run token',
      ['--sub', 'alice', '--role', 'owner'],
      '--role must be customer or admin, got owner',
    ],
    ['npm run bench', ['--phases', 'warp'], '--phases: unknown warp'],
    ['npm run loadtest', ['--profile', 'tsunami'], 'unknown profile tsunami'],
  ] as const)('%s %j is a usage error naming it', (name, args, line) => {
    const result = run(COMMANDS[name], [...args]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(line);
  });
});
