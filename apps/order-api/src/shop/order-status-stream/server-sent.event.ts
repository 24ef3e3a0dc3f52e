/**
 * One Server-Sent Event in its wire format. Every line of the data gets its own `data:` field
 * (the browser joins them with newlines again), so multi-line HTML cannot end the event early.
 */
export function serverSentEvent(event: string, data: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(event)) throw new Error(`not an SSE event name: ${event}`);
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
  return `event: ${event}\n${lines.join('\n')}\n\n`;
}

/** A comment line: keeps proxies from closing an idle stream, ignored by the browser. */
export const SSE_HEARTBEAT = ': keep-alive\n\n';
