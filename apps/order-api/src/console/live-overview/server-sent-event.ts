/**
 * One Server-Sent Event: a multi-line payload becomes one `data:` line per line, so markup with
 * newlines arrives whole; the event name is what the page's sse-swap listens for.
 */
export function serverSentEvent(event: string, data: string): string {
  if (/[\r\n]/.test(event)) throw new Error('an event name is one line');
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
  return `event: ${event}\n${lines.join('\n')}\n\n`;
}
