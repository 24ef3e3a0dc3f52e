import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PostOutcome = { statusCode: number } | { error: string };

/**
 * One POST of a webhook body. Never rejects: a connection error, an abort or a timeout is an
 * outcome like any answer. A fresh connection per attempt (no agent), so nothing lingers after.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<PostOutcome> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  return new Promise((resolve) => {
    const request = send(
      target,
      {
        method: 'POST',
        agent: false,
        signal,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        // The answer's body means nothing to Stripe; read it off so the socket can close.
        response.resume();
        resolve({ statusCode: response.statusCode ?? 0 });
      },
    );
    request.once('error', (error) => {
      const timedOut = timeout.aborted && !options.signal.aborted;
      resolve({ error: timedOut ? `no answer within ${options.timeoutMs} ms` : error.message });
    });
    request.end(body);
  });
}
