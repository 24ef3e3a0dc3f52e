import * as iam from 'aws-cdk-lib/aws-iam';
import type { ConveyorApp } from '@conveyor/contracts';
import { queueAccessOf } from '@conveyor/messaging';
import type { ConveyorQueues } from './queues.construct';

/**
 * An app's task role gets exactly what queueAccessOf derives from the catalog: one statement per
 * queue it touches, on that queue's ARN, with the actions its runtime calls there.
 */
export function grantQueueAccess(role: iam.IRole, app: ConveyorApp, queues: ConveyorQueues): void {
  for (const access of queueAccessOf(app)) {
    const queue = queues.pair(access.queue)[access.kind];
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: access.actions, resources: [queue.queueArn] }),
    );
  }
}
