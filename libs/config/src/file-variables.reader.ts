import { readFileSync } from 'node:fs';

/**
 * Variables that may instead be given as `<NAME>_FILE`, a path read at boot, the way Docker and
 * Kubernetes mount secrets: the secrets, and the database's CA bundle (a certificate is handed
 * over as a file).
 */
export const FILE_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_PASSWORD',
  'AUTH_JWT_SECRET',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'PII_KEYS_SHIPPING',
  'PII_KEYS_PAYMENT',
  'DATABASE_SSL_CA',
] as const;

/** Values a configuration error never echoes: secrets, and whatever came from a file. */
export function isHiddenVariable(name: string): boolean {
  return (FILE_VARIABLES as readonly string[]).includes(name) || /SECRET|PASSWORD|TOKEN/.test(name);
}

/** One line of a configuration error: the variable, what it holds, and what to set. */
export interface ConfigProblem {
  variable: string;
  shown: string;
  message: string;
}

export interface FileVariables {
  /** The environment with each `<NAME>_FILE` read into `<NAME>`. */
  env: Record<string, string | undefined>;
  /** The variables whose file could not be used; their own schema issues would only repeat it. */
  failed: Set<string>;
  problems: ConfigProblem[];
}

/** Reads `<NAME>_FILE` (trimmed) into `<NAME>` for each of `names` that is not set directly. */
export function readFileVariables(
  env: Record<string, string | undefined>,
  names: readonly string[],
): FileVariables {
  const resolved = { ...env };
  const failed = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const name of names) {
    const variable = `${name}_FILE`;
    const file = env[variable];
    if (!file) continue;
    const shown = `got ${JSON.stringify(file)}`;
    if (env[name] !== undefined) {
      failed.add(name);
      problems.push({ variable, shown, message: `set ${name} or ${variable}, not both` });
      continue;
    }
    try {
      resolved[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      const reason = (error as { code?: string }).code ?? 'unreadable';
      failed.add(name);
      problems.push({
        variable,
        shown,
        message: `cannot read the file (${reason}); point it at a readable file or set ${name}`,
      });
    }
  }
  return { env: resolved, failed, problems };
}
