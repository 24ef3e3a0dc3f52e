import { Client } from 'pg';

/** What pg rejects a query with when no answer came within query_timeout. */
const QUERY_READ_TIMEOUT = 'Query read timeout';

/**
 * A pg client that closes its connection when a query got no answer within query_timeout. pg
 * reports the timeout but keeps the connection, with the unanswered query still active on it:
 * on a silent network every later query on that pooled client would queue behind it and time out
 * too, a stuck pool. Closed, the client is discarded by the pool, which opens a fresh one.
 */
export class TimeoutDiscardingClient extends Client {}

// Wrapped on the prototype: `query` has a dozen overloads a subclass method would have to repeat.
// eslint-disable-next-line @typescript-eslint/unbound-method
const query = Client.prototype.query;
TimeoutDiscardingClient.prototype.query = function (this: Client, ...args: unknown[]) {
  const result: unknown = Reflect.apply(query, this, args);
  if (result instanceof Promise) {
    result.catch((error: unknown) => {
      if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) {
        this.connection.stream.destroy();
      }
    });
  }
  return result;
} as typeof query;
