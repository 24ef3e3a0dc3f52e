import { setTimeout as delay } from 'node:timers/promises';
import { RestartBackoff, type RestartBackoffOptions } from './restart.backoff';
import type { ServiceProcess } from './service.process';

export interface RestartEvent {
  app: string;
  /** The exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  uptimeMs: number;
  /** When the probe first saw the process up; null: it died before; undefined: no probe. */
  upAfterMs?: number | null;
  delayMs: number;
  /** Restarts in a row without a process coming up (1 for the first). */
  attempt: number;
}

export interface AppSupervisorOptions {
  app: string;
  spawn: () => ServiceProcess;
  /** false: an unexpected exit is left alone (tests that want to see the crash). */
  restart: RestartBackoffOptions | false;
  /**
   * Whether the process is up (e.g. its /health/live answers 200), polled after each start until
   * it says so or the process exits. A process that came up is not crash-looping, so the backoff
   * starts again from its first delay. Unset: only `resetAfterMs` of uptime resets it.
   */
  probe?: (service: ServiceProcess) => Promise<boolean>;
  probeIntervalMs?: number;
  onRestart?: (event: RestartEvent) => void;
  /** Called with every process the supervisor starts, the first and each restart. */
  onSpawn?: (service: ServiceProcess) => void;
  /**
   * A process exited without its stop() or kill() asking it to, whether or not a restart follows:
   * its last output lines are the only account of why (an unsupervised test stack says nothing
   * else, and the orders it leaves pending only show the effect).
   */
  onUnexpectedExit?: (event: UnexpectedExit) => void;
}

export interface UnexpectedExit {
  app: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  uptimeMs: number;
  recentOutput: string;
}

/** The report of an unexpected exit, with the app's last lines. */
export function describeUnexpectedExit(event: UnexpectedExit): string {
  return `${exitedUnexpectedly(event)}; its last lines:\n${event.recentOutput}`;
}

/** `<app> exited unexpectedly (<signal or code>) after <uptime>`, as both reports begin. */
function exitedUnexpectedly(event: UnexpectedExit | RestartEvent): string {
  const how = event.signal ? `signal ${event.signal}` : `code ${event.code}`;
  return `${event.app} exited unexpectedly (${how}) after ${(event.uptimeMs / 1000).toFixed(1)} s`;
}

/** The log line for a restart, as `npm start` prints it. */
export function describeRestart(event: RestartEvent): string {
  const up =
    event.upAfterMs === undefined
      ? ''
      : event.upAfterMs === null
        ? ', before it came up'
        : ` (up after ${(event.upAfterMs / 1000).toFixed(1)} s)`;
  return `${exitedUnexpectedly(event)}${up}; restart #${event.attempt} in ${event.delayMs} ms`;
}

/**
 * Keeps one app running: when its process exits without being asked to, starts it again after a
 * backoff delay. `stop()` is the deliberate way out and never leads to a restart.
 */
export class AppSupervisor {
  private process?: ServiceProcess;
  private readonly backoff?: RestartBackoff;
  private pendingRestart?: NodeJS.Timeout;
  private stopping = false;
  private restartCount = 0;
  private upAfterMs: number | null = null;
  /** Since when no process has been up after an unexpected exit (with a probe only). */
  private downSince?: number;
  private readonly outages: number[] = [];

  constructor(private readonly options: AppSupervisorOptions) {
    if (options.restart !== false) this.backoff = new RestartBackoff(options.restart);
  }

  /** The process running now (or the last one, while a restart waits out its delay). */
  get current(): ServiceProcess {
    if (!this.process) throw new Error(`${this.options.app} was never started`);
    return this.process;
  }

  get restarts(): number {
    return this.restartCount;
  }

  /**
   * With a probe: how long each unexpected exit kept the app down, until the probe saw the next
   * process up (the restart delay and the boot); one still going counts up to now.
   */
  get downtimesMs(): number[] {
    const ongoing = this.downSince === undefined ? [] : [Date.now() - this.downSince];
    return [...this.outages, ...ongoing];
  }

  /** Whether the process running now was seen up by the probe (never, without a probe). */
  get up(): boolean {
    return this.upAfterMs !== null && this.running;
  }

  /** Whether a process is alive now (not exited, not waiting for a restart). */
  get running(): boolean {
    return !!this.process && isAlive(this.process);
  }

  start(): ServiceProcess {
    this.stopping = false;
    const service = this.options.spawn();
    const startedAt = Date.now();
    this.process = service;
    this.upAfterMs = null;
    this.options.onSpawn?.(service);
    void service.exited.then(() => this.exited(service, Date.now() - startedAt));
    void this.watchUntilUp(service, startedAt);
    return service;
  }

  /** SIGKILL the running process as a crash would: supervision restarts it. */
  async crash(): Promise<number | undefined> {
    const pid = this.process?.child.pid;
    if (!this.running) return undefined;
    await this.process?.kill();
    return pid;
  }

  /** Deliberate: no restart follows, and a restart waiting for its delay is called off. */
  async stop(options: { crash?: boolean } = {}): Promise<void> {
    this.stopping = true;
    clearTimeout(this.pendingRestart);
    this.pendingRestart = undefined;
    this.downSince = undefined;
    if (this.process) await (options.crash ? this.process.kill() : this.process.stop());
  }

  private async watchUntilUp(service: ServiceProcess, startedAt: number): Promise<void> {
    const probe = this.options.probe;
    if (!probe) return;
    while (!this.stopping && service === this.process && isAlive(service)) {
      const up = await probe(service).catch(() => false);
      // The answer may come from a process that died meanwhile: only a live one counts.
      if (up && service === this.process && isAlive(service)) {
        this.upAfterMs = Date.now() - startedAt;
        this.backoff?.cameUp();
        if (this.downSince !== undefined) this.outages.push(Date.now() - this.downSince);
        this.downSince = undefined;
        return;
      }
      await delay(this.options.probeIntervalMs ?? 200);
    }
  }

  private async reportUnexpectedExit(service: ServiceProcess, uptimeMs: number): Promise<void> {
    if (!this.options.onUnexpectedExit) return;
    // 'exit' can come before the last lines of stderr (a fatal error's): wait for the streams.
    await service.outputEnded;
    this.options.onUnexpectedExit({
      app: this.options.app,
      code: service.child.exitCode,
      signal: service.child.signalCode,
      uptimeMs,
      recentOutput: service.recentOutput(),
    });
  }

  private exited(service: ServiceProcess, uptimeMs: number): void {
    if (this.stopping || service !== this.process) return;
    if (!service.exitRequested) void this.reportUnexpectedExit(service, uptimeMs);
    if (!this.backoff) return;
    if (this.options.probe) this.downSince ??= Date.now();
    const delayMs = this.backoff.next(uptimeMs);
    this.restartCount++;
    this.options.onRestart?.({
      app: this.options.app,
      code: service.child.exitCode,
      signal: service.child.signalCode,
      uptimeMs,
      ...(this.options.probe && { upAfterMs: this.upAfterMs }),
      delayMs,
      attempt: this.backoff.consecutive,
    });
    this.pendingRestart = setTimeout(() => {
      this.pendingRestart = undefined;
      if (!this.stopping) this.start();
    }, delayMs);
  }
}

function isAlive(service: ServiceProcess): boolean {
  return service.child.exitCode === null && service.child.signalCode === null;
}
