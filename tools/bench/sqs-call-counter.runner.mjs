// fauxqs (in memory) with a counter of every SQS API call it answers, by X-Amz-Target, so the
// benchmark can tell how many calls an order costs. Counting inside the emulator adds no network
// hop; fauxqs's message spy records messages, not calls, so it cannot see empty receives or
// batch sizes. argv: <port>. Reports the bound port to the parent over IPC.
import { buildApp } from 'fauxqs';

const calls = {};
const entries = {};
const received = { messages: 0, empty: 0 };

const app = buildApp({ logger: false });
app.addHook('onSend', (request, _reply, payload, done) => {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const action = target.replace('AmazonSQS.', '');
    calls[action] = (calls[action] ?? 0) + 1;
    const batch = request.body?.Entries;
    if (Array.isArray(batch)) entries[action] = (entries[action] ?? 0) + batch.length;
    if (action === 'ReceiveMessage' && typeof payload === 'string') countReceived(payload);
  }
  done();
});
app.get('/_bench/sqs-calls', async () => ({ calls, entries, received }));

function countReceived(payload) {
  let count = 0;
  for (
    let at = payload.indexOf('"ReceiptHandle"');
    at !== -1;
    at = payload.indexOf('"ReceiptHandle"', at + 1)
  ) {
    count += 1;
  }
  received.messages += count;
  if (count === 0) received.empty += 1;
}

await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await app.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.on('disconnect', () => void shutdown());
process.send?.({ type: 'listening', port: app.server.address().port });
