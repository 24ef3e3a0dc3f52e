/**
 * Test-only crash points. A failpoint named in CONVEYOR_FAILPOINTS kills its process with
 * SIGKILL when reached, so tests can reproduce "died after charging, before committing" with a
 * real process. `name@<correlation id>` fires only for the messages of that request, so a test
 * that crashes one order is not upset by another order reaching the same point first.
 * Production config refuses the variable (see serviceEnvSchemaWith).
 */
export class Failpoints {
  private readonly armed: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.armed = new Set(names);
  }

  hit(name: string, correlationId: string): void {
    if (!this.armed.has(name) && !this.armed.has(`${name}@${correlationId}`)) return;
    process.stderr.write(`${failpointKillLine(name)}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

/** The line a failpoint writes to stderr just before its process kills itself. */
export function failpointKillLine(name: string): string {
  return `failpoint ${name} reached: SIGKILL`;
}

/** Whether some line of this output is a failpoint's kill line: its process died on purpose. */
export function diedAtFailpoint(output: string): boolean {
  return output.split('\n').some((line) => /^failpoint \S+ reached: SIGKILL$/.test(line));
}
