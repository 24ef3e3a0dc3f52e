import { RestartBackoff, type RestartBackoffOptions } from './restart.backoff';
import type { ServiceProcess } from './service.process';

export interface RestartEvent {
  app: string;
  /** The exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  uptimeMs: number;
  delayMs: number;
  /** Restarts in a row without the app staying up (1 for the first). */
  attempt: number;
}

export interface AppSupervisorOptions {
  app: string;
  spawn: () => ServiceProcess;
  /** false: an unexpected exit is left alone (tests that want to see the crash). */
  restart: RestartBackoffOptions | false;
  onRestart?: (event: RestartEvent) => void;
  /** Called with every process the supervisor starts, the first and each restart. */
  onSpawn?: (service: ServiceProcess) => void;
}

/** The log line for a restart, as `npm start` prints it. */
export function describeRestart(event: RestartEvent): string {
  const how = event.signal ? `signal ${event.signal}` : `code ${event.code}`;
  return (
    `${event.app} exited unexpectedly (${how}) after ${(event.uptimeMs / 1000).toFixed(1)} s; ` +
    `restart #${event.attempt} in ${event.delayMs} ms`
  );
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

  /** Whether a process is alive now (not exited, not waiting for a restart). */
  get running(): boolean {
    const child = this.process?.child;
    return !!child && child.exitCode === null && child.signalCode === null;
  }

  start(): ServiceProcess {
    this.stopping = false;
    const service = this.options.spawn();
    const startedAt = Date.now();
    this.process = service;
    this.options.onSpawn?.(service);
    void service.exited.then(() => this.exited(service, Date.now() - startedAt));
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
    if (this.process) await (options.crash ? this.process.kill() : this.process.stop());
  }

  private exited(service: ServiceProcess, uptimeMs: number): void {
    if (this.stopping || service !== this.process || !this.backoff) return;
    const delayMs = this.backoff.next(uptimeMs);
    this.restartCount++;
    this.options.onRestart?.({
      app: this.options.app,
      code: service.child.exitCode,
      signal: service.child.signalCode,
      uptimeMs,
      delayMs,
      attempt: this.backoff.consecutive,
    });
    this.pendingRestart = setTimeout(() => {
      this.pendingRestart = undefined;
      if (!this.stopping) this.start();
    }, delayMs);
  }
}
