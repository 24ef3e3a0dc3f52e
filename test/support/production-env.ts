import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { inheritedEnvironment } from '@conveyor/config';
import { repoRoot, type ConveyorApp } from '@conveyor/dev-stack';
import { SPEC_PERSONAL_DATA_ENV } from '@conveyor/testing';
import { testEnvironment } from './test-context';

export const PRODUCTION_JWT_SECRET = 'production-config-jwt-secret-production-config';
export const PRODUCTION_STRIPE_KEY = 'sk_test_conveyor_production_config';
export const PRODUCTION_WEBHOOK_SECRET = 'whsec_conveyor0production0config';

/** Where a test's production-mode apps run: the test database and emulators, its own queues. */
export interface ProductionSetup {
  prefix: string;
  /** A directory for secret files, as a container runtime mounts them. */
  secretsDir: string;
}

/**
 * Everything a production-mode app needs and nothing inherited from the test runner (whose own
 * DATABASE_URL, for one, must not leak in): the test PostgreSQL in plain text, the emulators
 * pointed at on purpose.
 */
export function productionEnvFor(app: ConveyorApp, setup: ProductionSetup): Record<string, string> {
  const env = testEnvironment();
  const common = {
    PATH: inheritedEnvironment().PATH ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATABASE_URL: env.CONVEYOR_TEST_DATABASE_URL,
    DATABASE_SSL: 'disable',
    SQS_ENDPOINT: env.CONVEYOR_TEST_SQS_ENDPOINT,
    SQS_QUEUE_PREFIX: setup.prefix,
    QUEUE_MODE: 'standard',
  };
  const { PII_KEYS_SHIPPING, PII_KEYS_PAYMENT } = SPEC_PERSONAL_DATA_ENV;
  if (app === 'order-api') {
    return {
      ...common,
      AUTH_JWT_SECRET: PRODUCTION_JWT_SECRET,
      STRIPE_WEBHOOK_SECRET: PRODUCTION_WEBHOOK_SECRET,
      PII_KEYS_SHIPPING,
      PII_KEYS_PAYMENT,
    };
  }
  if (app === 'payment-worker') {
    return {
      ...common,
      STRIPE_SECRET_KEY: PRODUCTION_STRIPE_KEY,
      STRIPE_API_BASE_URL: env.CONVEYOR_TEST_STRIPE_URL,
      PII_KEYS_PAYMENT,
    };
  }
  if (app === 'shipping-worker') return { ...common, PII_KEYS_SHIPPING };
  return common;
}

/** Writes a secret file, as a container runtime mounts one, and returns its path. */
export function secretFile(setup: ProductionSetup, name: string, content: string): string {
  const file = path.join(setup.secretsDir, name);
  writeFileSync(file, `${content}\n`, { mode: 0o600 });
  return file;
}

export interface EntryPointRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a compiled entry point (an app's main or migrate, or a tool under dist/tools) to its exit.
 * One that should refuse and does not is killed at the deadline, and its output says why.
 */
export function runEntryPoint(
  script: string,
  env: Record<string, string>,
  deadlineMs = 30_000,
): Promise<EntryPointRun> {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', script)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function mainOf(app: ConveyorApp): string {
  return `apps/${app}/src/main.js`;
}
