// A counter of every SQS API call fauxqs answers, by X-Amz-Target, for the benchmark's "SQS calls
// per order". Counting inside the emulator adds no network hop; fauxqs's message spy records
// messages, not calls, so it cannot see empty receives or batch sizes. It also records which
// access key called which action on which queue, so a test can hold each app to its permissions.
export function countSqsCalls(app) {
  const calls = {};
  const entries = {};
  const received = { messages: 0, empty: 0 };
  const byCaller = {};
  app.addHook('onSend', (request, _reply, payload, done) => {
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string') {
      const action = target.replace('AmazonSQS.', '');
      calls[action] = (calls[action] ?? 0) + 1;
      recordCaller(byCaller, request, action);
      const batch = request.body?.Entries;
      if (Array.isArray(batch)) entries[action] = (entries[action] ?? 0) + batch.length;
      if (action === 'ReceiveMessage' && typeof payload === 'string') {
        const count = payload.split('"ReceiptHandle"').length - 1;
        received.messages += count;
        if (count === 0) received.empty += 1;
      }
    }
    done();
  });
  app.get('/_bench/sqs-calls', async () => ({
    calls,
    entries,
    received,
    byCaller: Object.fromEntries(
      Object.entries(byCaller).map(([caller, uses]) => [caller, [...uses].sort()]),
    ),
  }));
}

// "<Action> <queue name>" per access key id, taken from the SigV4 Authorization header.
function recordCaller(byCaller, request, action) {
  const caller = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? '-';
  const body = request.body ?? {};
  const queue =
    body.QueueName ??
    String(body.QueueUrl ?? '-')
      .split('/')
      .pop();
  (byCaller[caller] ??= new Set()).add(`${action} ${queue}`);
}
