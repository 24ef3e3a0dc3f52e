import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  AppSupervisor,
  describeRestart,
  describeUnexpectedExit,
  type RestartEvent,
  type UnexpectedExit,
} from './app.supervisor';
import type { RestartBackoffOptions } from './restart.backoff';
import type { ServiceProcess } from './service.process';
import { waitFor } from './wait-for';

/** An HTTP server on a free port, which it prints: a child that comes up as an app does. */
const SERVING = `const s = require('node:http').createServer((q, r) => r.end('ok'));
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
/** Dies at once, before serving anything: a crash loop. */
const CRASHING = 'process.exit(3)';
/** Serves, then fails as an app would on a fatal error: its reason on stderr, then exit 1. */
const FAILING_LATER = `${SERVING}
setTimeout(() => { console.error('fatal: the reason'); process.exit(1); }, 300);`;

type Child = ServiceProcess & { port?: number };

/** A real child process in the shape the supervisor runs apps in. */
function childProcess(script: string): Child {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const errors: string[] = [];
  const stderr = createInterface({ input: child.stderr });
  stderr.on('line', (line) => errors.push(line));
  let exitRequested = false;
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      exitRequested = true;
      child.kill(name);
    }
    return exited;
  };
  const service: Child = {
    app: 'child',
    child,
    exited,
    get exitRequested() {
      return exitRequested;
    },
    outputEnded: new Promise((resolve) => stderr.once('close', resolve)),
    recentOutput: () => errors.join('\n'),
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
  createInterface({ input: child.stdout }).once('line', (line) => (service.port = Number(line)));
  return service;
}

/** The probe `npm start` uses, against the child's own port. */
async function serves(service: ServiceProcess): Promise<boolean> {
  const port = (service as Child).port;
  if (port === undefined) return false;
  return (await fetch(`http://127.0.0.1:${port}/health/live`)).status === 200;
}

describe('AppSupervisor', () => {
  const supervisors: AppSupervisor[] = [];
  const supervise = (
    script: string,
    restart: false | RestartBackoffOptions,
    probe?: typeof serves,
  ) => {
    const events: RestartEvent[] = [];
    const exits: UnexpectedExit[] = [];
    const spawned: ServiceProcess[] = [];
    const supervisor = new AppSupervisor({
      app: 'child',
      spawn: () => childProcess(script),
      restart,
      probe,
      probeIntervalMs: 20,
      onRestart: (event) => events.push(event),
      onSpawn: (service) => spawned.push(service),
      onUnexpectedExit: (exit) => exits.push(exit),
    });
    supervisors.push(supervisor);
    supervisor.start();
    return { supervisor, events, exits, spawned };
  };

  afterEach(async () => {
    for (const supervisor of supervisors.splice(0)) await supervisor.stop();
  });

  it('restarts a process that was killed, and says how it died and how long it waits', async () => {
    const { supervisor, events, spawned } = supervise(SERVING, { initialDelayMs: 50 });
    const first = spawned[0].child.pid;

    await expect(supervisor.crash()).resolves.toBe(first);
    await waitFor(() => spawned.length === 2 && supervisor.running, { description: 'a restart' });

    expect(supervisor.current.child.pid).not.toBe(first);
    expect(supervisor.restarts).toBe(1);
    expect(events).toEqual([
      expect.objectContaining({ signal: 'SIGKILL', delayMs: 50, attempt: 1 }),
    ]);
    expect(describeRestart(events[0])).toMatch(
      /child exited unexpectedly \(signal SIGKILL\).*restart #1 in 50 ms/,
    );
  });

  it('restarts a process that came up after the first delay every time it is killed', async () => {
    const seenUp = new Set<number | undefined>();
    const probe = async (service: ServiceProcess) => {
      const answered = await serves(service);
      if (answered) seenUp.add(service.child.pid);
      return answered;
    };
    const restart = { initialDelayMs: 50, resetAfterMs: 600_000 };
    const { supervisor, events } = supervise(SERVING, restart, probe);

    for (let kill = 1; kill <= 4; kill++) {
      await waitFor(() => supervisor.running && seenUp.has(supervisor.current.child.pid), {
        description: `process ${kill} seen up`,
      });
      await supervisor.crash();
      await waitFor(() => events.length === kill, { description: `restart ${kill}` });
    }
    await waitFor(() => supervisor.downtimesMs.length === 4 && supervisor.running, {
      description: 'the fifth process up',
    });

    expect(events.map((event) => [event.delayMs, event.attempt])).toEqual([
      [50, 1],
      [50, 1],
      [50, 1],
      [50, 1],
    ]);
    expect(events.every((event) => typeof event.upAfterMs === 'number')).toBe(true);
    expect(describeRestart(events[0])).toMatch(/\(up after \d+\.\d s\); restart #1 in 50 ms/);
  });

  it('doubles the delay, up to its cap, for a process that dies before it comes up', async () => {
    const restart = { initialDelayMs: 20, maxDelayMs: 160 };
    const { supervisor, events } = supervise(CRASHING, restart, serves);

    await waitFor(() => events.length >= 6, { timeoutMs: 30_000, description: 'six restarts' });
    await supervisor.stop();

    expect(events.slice(0, 6).map((event) => [event.delayMs, event.attempt])).toEqual([
      [20, 1],
      [40, 2],
      [80, 3],
      [160, 4],
      [160, 5],
      [160, 6],
    ]);
    expect(events.every((event) => event.code === 3 && event.upAfterMs === null)).toBe(true);
    expect(describeRestart(events[1])).toMatch(/\(code 3\).*before it came up; restart #2/);
  });

  it('never restarts after a deliberate stop', async () => {
    const { supervisor, events, spawned } = supervise(SERVING, { initialDelayMs: 50 });

    await supervisor.stop();

    expect(supervisor.running).toBe(false);
    expect(events).toEqual([]);
    expect(spawned).toHaveLength(1);
  });

  it('leaves a crashed process down when supervision is off', async () => {
    const { supervisor, events, exits } = supervise(SERVING, false);

    await supervisor.crash();

    expect(supervisor.running).toBe(false);
    expect(supervisor.restarts).toBe(0);
    expect(events).toEqual([]);
    expect(exits).toEqual([]);
  });

  it('reports a process that dies by itself, with its last lines, supervised or not', async () => {
    const unsupervised = supervise(FAILING_LATER, false);
    const supervised = supervise(FAILING_LATER, { initialDelayMs: 60_000 });

    for (const { exits } of [unsupervised, supervised]) {
      await waitFor(() => exits.length === 1, { description: 'the exit reported' });
      expect(exits[0]).toEqual(
        expect.objectContaining({ app: 'child', code: 1, recentOutput: 'fatal: the reason' }),
      );
      expect(describeUnexpectedExit(exits[0])).toMatch(
        /^child exited unexpectedly \(code 1\) after \d+\.\d s; its last lines:\nfatal: the reason$/,
      );
    }
    expect(supervised.events).toHaveLength(1);
  });

  it('does not report the exits it was asked for', async () => {
    const stopped = supervise(SERVING, { initialDelayMs: 50 });
    const crashed = supervise(SERVING, false);

    await stopped.supervisor.stop();
    await crashed.supervisor.crash();

    expect([...stopped.exits, ...crashed.exits]).toEqual([]);
  });
});
