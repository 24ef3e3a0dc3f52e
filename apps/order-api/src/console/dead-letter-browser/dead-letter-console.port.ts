import type { QueueName } from '@conveyor/contracts';
import type { QueueDeadLetters, RedriveProgress } from './dead-letter.views';

/**
 * What the dead-letter browser asks of the dead-letter service (the same service as the admin
 * API and the CLI: one implementation). `admin` is the signed-in administrator's subject, for
 * the audit log.
 */
export abstract class DeadLetterConsolePort {
  abstract depths(): Promise<Partial<Record<QueueName, number>>>;
  abstract list(queue: QueueName): Promise<QueueDeadLetters>;
  abstract startRedrive(queue: QueueName, admin: string): Promise<RedriveProgress>;
  abstract progress(queue: QueueName, taskId: string): Promise<RedriveProgress | null>;
  abstract delete(queue: QueueName, id: string, admin: string): Promise<boolean>;
  abstract purge(queue: QueueName, admin: string): Promise<void>;
}
