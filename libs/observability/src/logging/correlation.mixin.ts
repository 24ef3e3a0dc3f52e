import type { Logger } from 'pino';
import { traceLogFields } from '@conveyor/tracing';
import { correlationContext } from '../correlation/correlation-context';

/**
 * Adds the correlation id of the work in progress to every line, so lines written by queue
 * consumers (outside any HTTP request) carry it too. A request's own logger already binds it,
 * and a second copy would make the line carry a duplicate JSON key. Inside a traced span the
 * line also carries `trace_id` and `span_id`, to jump from a log line to its trace.
 */
export function correlationMixin(_mergeObject: object, _level: number, logger: Logger): object {
  const trace = traceLogFields();
  const correlationId = correlationContext.currentId();
  if (correlationId === undefined || 'correlationId' in logger.bindings()) {
    return trace;
  }
  return { correlationId, ...trace };
}
