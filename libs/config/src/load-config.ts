import { z } from 'zod';

export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
}

/**
 * Parses the environment once, at boot, against a zod schema. A bad or missing variable stops
 * the process with one line per problem that names the variable and what to set it to, instead
 * of a crash later in some code path that happens to read it.
 */
export function loadConfig<TSchema extends z.ZodType>(
  schema: TSchema,
  env: Record<string, string | undefined> = process.env,
): z.infer<TSchema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const value = env[variable];
    const shown = value === undefined ? 'unset' : `got ${JSON.stringify(value)}`;
    return `  - ${variable} (${shown}): ${issue.message}`;
  });
  throw new ConfigError(
    `Invalid configuration; set these environment variables:\n${lines.join('\n')}`,
  );
}
