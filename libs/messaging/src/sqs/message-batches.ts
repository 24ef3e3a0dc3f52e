import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** SQS batch calls take at most ten entries. */
function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += 10) out.push(items.slice(index, index + 10));
  return out;
}

/** Deletes received messages; a failed entry is an error, never silently kept. */
export async function deleteBatch(sqs: SQSClient, queueUrl: string, messages: Message[]) {
  for (const chunk of chunks(messages)) {
    const response = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
    if ((response.Failed ?? []).length > 0) {
      const reasons = (response.Failed ?? []).map((entry) => entry.Code).join(', ');
      throw new Error(`messages could not be deleted from ${queueUrl} (${reasons})`);
    }
  }
}

/** Makes received messages visible again at once, as if they had never been received. */
export async function releaseMessages(sqs: SQSClient, queueUrl: string, messages: Message[]) {
  for (const chunk of chunks(messages)) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
}
