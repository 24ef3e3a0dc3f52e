import { writeSync } from 'node:fs';
import { ConfigError } from './load-config';

/**
 * For entry points: a configuration error is the operator's to fix, not a bug, so it prints
 * what to set, one line per problem and no stack trace, and exits 1.
 */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A synchronous write: process.exit would cut off an asynchronous one on some platforms.
    writeSync(2, `${error.message}\n`);
    process.exit(1);
  }
}
