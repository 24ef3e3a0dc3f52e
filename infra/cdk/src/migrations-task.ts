import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { AppServices } from './app-services.construct';
import { taskEnvironment, taskSecrets, type TaskRuntime } from './app-container';
import { containerImage } from './container-images';
import type { ConveyorStackProps } from './conveyor-stack.props';

/**
 * The one-off migrations (every service's schema) on the ops image, started by hand with
 * `aws ecs run-task` before a release that changes a schema. It touches no queue.
 */
export function addMigrationsTask(
  services: AppServices,
  runtime: TaskRuntime,
  stack: ConveyorStackProps,
): ecs.FargateTaskDefinition {
  const taskDefinition = services.taskDefinition('migrations', 'migrations', {
    cpu: 256,
    memoryMiB: 512,
    minTasks: 0,
    maxTasks: 1,
  });
  taskDefinition.addContainer('migrations', {
    image: containerImage(services, 'ops', stack),
    command: ['node', 'dist/tools/cli/migrate-all.main.js'],
    environment: taskEnvironment(runtime),
    secrets: taskSecrets('migrations', runtime),
    logging: services.logDriver('migrations'),
  });
  return taskDefinition;
}
