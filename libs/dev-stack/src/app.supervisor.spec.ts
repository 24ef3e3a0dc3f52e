import { spawn } from 'node:child_process';
import { AppSupervisor, describeRestart, type RestartEvent } from './app.supervisor';
import type { ServiceProcess } from './service.process';
import { waitFor } from './wait-for';

/** A real, idle child process in the shape the supervisor runs apps in. */
function idleProcess(): ServiceProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  return {
    app: 'idle',
    child,
    exited,
    recentOutput: () => '',
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}

describe('AppSupervisor', () => {
  const supervisors: AppSupervisor[] = [];
  const supervise = (restart: false | { initialDelayMs: number }) => {
    const events: RestartEvent[] = [];
    const spawned: ServiceProcess[] = [];
    const supervisor = new AppSupervisor({
      app: 'idle',
      spawn: idleProcess,
      restart,
      onRestart: (event) => events.push(event),
      onSpawn: (service) => spawned.push(service),
    });
    supervisors.push(supervisor);
    supervisor.start();
    return { supervisor, events, spawned };
  };

  afterEach(async () => {
    for (const supervisor of supervisors.splice(0)) await supervisor.stop();
  });

  it('restarts a process that was killed, and says how it died and how long it waits', async () => {
    const { supervisor, events, spawned } = supervise({ initialDelayMs: 50 });
    const first = spawned[0].child.pid;

    await expect(supervisor.crash()).resolves.toBe(first);
    await waitFor(() => spawned.length === 2 && supervisor.running, { description: 'a restart' });

    expect(supervisor.current.child.pid).not.toBe(first);
    expect(supervisor.restarts).toBe(1);
    expect(events).toEqual([
      expect.objectContaining({ signal: 'SIGKILL', delayMs: 50, attempt: 1 }),
    ]);
    expect(describeRestart(events[0])).toMatch(
      /idle exited unexpectedly \(signal SIGKILL\).*restart #1 in 50 ms/,
    );
  });

  it('never restarts after a deliberate stop', async () => {
    const { supervisor, events, spawned } = supervise({ initialDelayMs: 50 });

    await supervisor.stop();

    expect(supervisor.running).toBe(false);
    expect(events).toEqual([]);
    expect(spawned).toHaveLength(1);
  });

  it('leaves a crashed process down when supervision is off', async () => {
    const { supervisor, events } = supervise(false);

    await supervisor.crash();

    expect(supervisor.running).toBe(false);
    expect(supervisor.restarts).toBe(0);
    expect(events).toEqual([]);
  });
});
