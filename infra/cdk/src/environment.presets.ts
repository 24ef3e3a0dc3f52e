import type { EnvironmentSizes, ServiceSize } from './conveyor-stack.props';

const quarter = (minTasks: number, maxTasks: number): ServiceSize => ({
  cpu: 256,
  memoryMiB: 512,
  minTasks,
  maxTasks,
});

/** Small and disposable: one NAT gateway, a single-AZ micro database, nothing retained. */
const dev: EnvironmentSizes = {
  maxAzs: 2,
  natGateways: 1,
  database: {
    instanceType: 't4g.micro',
    allocatedStorageGiB: 20,
    maxAllocatedStorageGiB: 50,
    multiAz: false,
    backupRetentionDays: 1,
  },
  services: {
    'order-api': quarter(1, 2),
    'payment-worker': quarter(1, 2),
    'inventory-worker': quarter(1, 2),
    'shipping-worker': quarter(1, 2),
  },
  workerConcurrency: { 'payment-worker': 10, 'inventory-worker': 10, 'shipping-worker': 10 },
  acceptableLatencySeconds: 30,
  apiRequestsPerTarget: 500,
  apiCpuTargetPercent: 60,
  oldestMessageAlarmSeconds: 300,
  logRetentionDays: 7,
  production: false,
};

/**
 * Two NAT gateways and a Multi-AZ database so that one zone's loss stops nothing; two API tasks
 * in two zones; workers from one task up (each task opens up to DATABASE_POOL_SIZE = 10
 * connections). The payment worker stops at 3 tasks: at 40 Stripe calls a second each, more
 * would pass Stripe's default live-mode rate limit (100 a second) and only collect 429s.
 */
const prod: EnvironmentSizes = {
  maxAzs: 2,
  natGateways: 2,
  database: {
    instanceType: 'm7g.large',
    allocatedStorageGiB: 100,
    maxAllocatedStorageGiB: 500,
    multiAz: true,
    backupRetentionDays: 14,
  },
  services: {
    'order-api': { cpu: 1024, memoryMiB: 2048, minTasks: 2, maxTasks: 10 },
    'payment-worker': { cpu: 512, memoryMiB: 1024, minTasks: 1, maxTasks: 3 },
    'inventory-worker': { cpu: 512, memoryMiB: 1024, minTasks: 1, maxTasks: 10 },
    'shipping-worker': { cpu: 512, memoryMiB: 1024, minTasks: 1, maxTasks: 10 },
  },
  workerConcurrency: { 'payment-worker': 20, 'inventory-worker': 10, 'shipping-worker': 10 },
  acceptableLatencySeconds: 10,
  apiRequestsPerTarget: 1000,
  apiCpuTargetPercent: 60,
  oldestMessageAlarmSeconds: 120,
  logRetentionDays: 30,
  production: true,
};

export const ENVIRONMENT_PRESETS = { dev, prod } as const;
export type EnvironmentPreset = keyof typeof ENVIRONMENT_PRESETS;

export function isEnvironmentPreset(name: string): name is EnvironmentPreset {
  return Object.hasOwn(ENVIRONMENT_PRESETS, name);
}
