import { z } from 'zod';
import {
  FILE_VARIABLES,
  isHiddenVariable,
  readFileVariables,
  type ConfigProblem,
} from './file-variables.reader';

/** A configuration the process must not start with; `message` is one line per problem. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/**
 * Parses the environment once, at boot, against a zod schema, after reading the `<NAME>_FILE`
 * variables the schema's secrets may come from. A bad or missing variable stops the process with
 * one line per problem that names the variable and what to set it to, instead of a crash later
 * in some code path that happens to read it. Secret values are never echoed.
 */
export function loadConfig<TSchema extends z.ZodType>(
  schema: TSchema,
  env: Record<string, string | undefined> = process.env,
): z.infer<TSchema> {
  const files = readFileVariables(env, fileVariablesOf(schema));
  const result = schema.safeParse(files.env);
  const problems = [...files.problems];
  for (const issue of result.error?.issues ?? []) {
    const variable = issue.path.join('.') || '(environment)';
    if (files.failed.has(variable)) continue;
    problems.push({
      variable,
      shown: shownValue(variable, files.env[variable]),
      message: issue.message,
    });
  }
  if (result.success && problems.length === 0) return result.data;
  throw new ConfigError(problems.map(formatProblem));
}

export function formatProblem(problem: ConfigProblem): string {
  return `Invalid configuration: ${problem.variable} (${problem.shown}): ${problem.message}`;
}

function shownValue(variable: string, value: string | undefined): string {
  if (value === undefined) return 'unset';
  return isHiddenVariable(variable) ? 'set, value not shown' : `got ${JSON.stringify(value)}`;
}

/** Only the file variables the schema declares: another app's secret file is not this one's. */
function fileVariablesOf(schema: z.ZodType): readonly string[] {
  if (!(schema instanceof z.ZodObject)) return FILE_VARIABLES;
  const declared = Object.keys(schema.shape);
  return FILE_VARIABLES.filter((name) => declared.includes(name));
}
