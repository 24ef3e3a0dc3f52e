/** A mistake on the command line: answered with the usage and this one line, exit code 2. */
export class UsageError extends Error {}

/** A numeric option above zero, or `fallback` when it was not given. */
export function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${name} must be a positive number, got ${raw}`);
  }
  return value;
}

/** node:util parseArgs refusals (unknown option, missing value, unexpected positional). */
function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * Runs a command's `main` with its arguments. `--help` (or `-h`) prints the usage and exits 0
 * before anything else runs, so it needs no configuration; a usage mistake prints the usage and
 * one line saying what was wrong (exit 2); any other failure prints what failed (exit 1). Never a
 * stack trace: these are for people at a terminal. It imports nothing, so the smallest image
 * (the Stripe emulator's) carries it as it is.
 */
export function runCommand(usage: string, main: (args: string[]) => Promise<void>): void {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  main(args).catch((error: unknown) => {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`${usage}\n\n${error.message}\n`);
      process.exit(2);
    }
    const message = error instanceof Error ? error.message : String(error);
    // A configuration error (libs/config) already reads "Invalid configuration: … set X".
    const isConfigError = (error as { code?: unknown }).code === 'CONFIG.INVALID';
    process.stderr.write(isConfigError ? `${message}\n` : `error: ${message}\n`);
    process.exit(1);
  });
}
