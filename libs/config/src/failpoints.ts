/**
 * Test-only crash points. A failpoint named in CONVEYOR_FAILPOINTS kills its process with
 * SIGKILL when reached, so tests can reproduce "died after charging, before committing" with a
 * real process. Production config refuses the variable (see toServiceConfig).
 */
export class Failpoints {
  private readonly armed: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.armed = new Set(names);
  }

  hit(name: string): void {
    if (!this.armed.has(name)) return;
    process.stderr.write(`failpoint ${name} reached: SIGKILL\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
