import type { ConveyorApp } from '@conveyor/contracts';

/** The apps that scale on their queue's backlog; the order API scales on requests and CPU. */
export const WORKER_APPS = ['payment-worker', 'inventory-worker', 'shipping-worker'] as const;
export type WorkerApp = (typeof WORKER_APPS)[number];

export interface WorkerCost {
  /**
   * CPU per message at saturation, from `npm run bench` (docs/performance.md, pipeline figure):
   * the process's cores divided by the messages it handled per second, 60.4 orders/s.
   */
  cpuMsPerMessage: number;
  /** Wall time of a call outside the system (Stripe) that each message waits on. */
  externalCallMs: number;
}

/**
 * payment-worker: 0.27 core for 2 messages per order (authorize, capture); inventory-worker:
 * 0.22 core for 2 (reserve, fulfil); shipping-worker: 0.14 core for 1 (ship). Stripe could not
 * be reached here: 500 ms per call is an assumption (a manual-capture PaymentIntent call's
 * typical latency), to be replaced with the conveyor_messages_handled_seconds of production.
 */
export const MEASURED_WORKER_COST: Record<WorkerApp, WorkerCost> = {
  'payment-worker': { cpuMsPerMessage: 2.24, externalCallMs: 500 },
  'inventory-worker': { cpuMsPerMessage: 1.82, externalCallMs: 0 },
  'shipping-worker': { cpuMsPerMessage: 2.32, externalCallMs: 0 },
};

export interface ReplicaShape {
  /** vCPU of one task or pod (Fargate task CPU units / 1024, or the Kubernetes CPU request). */
  vcpu: number;
  /** CONSUMER_CONCURRENCY: messages one replica handles at once, overlapping their waits. */
  concurrency: number;
}

/** How long one replica takes per message in steady state: whichever of CPU or waiting binds. */
export function secondsPerMessage(app: WorkerApp, shape: ReplicaShape): number {
  const { cpuMsPerMessage, externalCallMs } = MEASURED_WORKER_COST[app];
  const cpuBound = cpuMsPerMessage / shape.vcpu;
  const waitBound = externalCallMs / shape.concurrency;
  return Math.max(cpuBound, waitBound) / 1000;
}

/**
 * The backlog one replica may hold and still drain it within `acceptableWaitSeconds`: the target
 * of the backlog-per-task autoscaling (ECS) and KEDA's queueLength. Whole messages, at least 1.
 */
export function backlogPerReplicaTarget(
  app: WorkerApp,
  shape: ReplicaShape,
  acceptableWaitSeconds: number,
): number {
  return Math.max(1, Math.floor(acceptableWaitSeconds / secondsPerMessage(app, shape)));
}

export function isWorkerApp(app: ConveyorApp): app is WorkerApp {
  return (WORKER_APPS as readonly string[]).includes(app);
}
