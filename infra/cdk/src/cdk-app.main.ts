import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { z } from 'zod';
import { DEFAULT_MAX_RECEIVE_COUNT } from '@conveyor/messaging';
import { addConveyorStack } from './conveyor.app';
import type { ConveyorStackProps } from './conveyor-stack.props';
import { ENVIRONMENT_PRESETS, isEnvironmentPreset } from './environment.presets';

/**
 * `cdk synth|deploy -c env=prod -c queueMode=fifo -c imageSource=registry -c registry=…
 * -c certificateArn=…`: the options are CDK context (-c), checked here.
 */
const contextSchema = z.object({
  env: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,20}$/, 'lower-case letters, digits and dashes')
    .default('dev'),
  /** Sizes and production flags: dev or prod; by default prod for env=prod, dev otherwise. */
  preset: z.string().refine(isEnvironmentPreset, 'dev or prod').optional(),
  queueMode: z.enum(['standard', 'fifo']).default('standard'),
  maxReceiveCount: z.coerce.number().int().min(1).max(1000).default(DEFAULT_MAX_RECEIVE_COUNT),
  imageSource: z.enum(['asset', 'registry']).default('asset'),
  registry: z.string().optional(),
  certificateArn: z.string().optional(),
  databaseCaFile: z.string().optional(),
  corsAllowedOrigins: z.string().optional(),
  alarmEmail: z.string().optional(),
  stripeSecretKeyArn: z.string().optional(),
  stripeWebhookSecretArn: z.string().optional(),
});

function stackProps(app: App): ConveyorStackProps {
  const raw = Object.fromEntries(
    Object.keys(contextSchema.shape).map((key) => [key, app.node.tryGetContext(key)]),
  );
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `-c ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new InvalidContextError(problems.map((problem) => `Invalid CDK context: ${problem}`));
  }
  const { env, preset, ...options } = parsed.data;
  const presetName = preset ?? (env === 'prod' ? 'prod' : 'dev');
  if (!isEnvironmentPreset(presetName)) throw new Error(`Unknown preset ${String(presetName)}`);
  return { ...options, envName: env, sizes: ENVIRONMENT_PRESETS[presetName], repoRoot: repoRoot() };
}

/** The Docker build context: the directory holding package.json above this file (src or dist). */
function repoRoot(): string {
  let directory = __dirname;
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`No package.json above ${__dirname}`);
    directory = parent;
  }
  return directory;
}

class InvalidContextError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

function main(): void {
  const app = new App();
  try {
    addConveyorStack(app, stackProps(app));
  } catch (error) {
    // A wrong -c value is the operator's to fix: one line each, no stack trace.
    if (!(error instanceof InvalidContextError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  app.synth();
}

main();
