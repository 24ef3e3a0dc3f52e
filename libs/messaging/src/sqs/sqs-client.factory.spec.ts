import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { createSqsClient } from './sqs-client.factory';

describe('createSqsClient', () => {
  let silent: Server;
  let endpoint: string;
  beforeAll(async () => {
    // Accepts connections and never answers: a network that has gone quiet.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('gives up on a request that gets no answer instead of hanging', async () => {
    const sqs = createSqsClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestTimeoutMs: 200,
    });

    await expect(sqs.send(new ListQueuesCommand({}))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    sqs.destroy();
  });
});
