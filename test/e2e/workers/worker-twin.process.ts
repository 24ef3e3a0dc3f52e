import type { QueueName } from '@conveyor/contracts';
import {
  freePort,
  startServiceProcess,
  waitUntilReady,
  type ConveyorApp,
  type ServiceProcess,
} from '@conveyor/dev-stack';
import type { E2eStack } from '../../support/e2e-stack';

export interface WorkerTwin {
  service: ServiceProcess;
  port: number;
}

/**
 * A second process of a worker app with the stack's own settings (queues, database, Stripe) on
 * another HTTP port: two replicas competing for one queue, as a scaled-out deployment runs them.
 */
export async function startWorkerTwin(e2e: E2eStack, app: ConveyorApp): Promise<WorkerTwin> {
  const port = await freePort();
  const service = startServiceProcess({
    app,
    env: { ...e2e.stack.envFor(app), HTTP_PORT: String(port) },
    onLine: (line) => e2e.logs.push(`${app} (twin) | ${line}`),
  });
  try {
    await waitUntilReady(service, port);
  } catch (error) {
    await service.kill();
    throw error;
  }
  return { service, port };
}

/** Messages a process has settled successfully from a queue, read from its /metrics. */
export async function handledSuccessfully(port: number, queue: QueueName): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  const text = await response.text();
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith('conveyor_messages_handled_seconds_count{') &&
        candidate.includes(`queue="${queue}"`) &&
        candidate.includes('outcome="success"'),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}
