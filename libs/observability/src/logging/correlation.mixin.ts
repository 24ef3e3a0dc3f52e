import type { Logger } from 'pino';
import { correlationContext } from '../correlation/correlation-context';

/**
 * Adds the correlation id of the work in progress to every line, so lines written by queue
 * consumers (outside any HTTP request) carry it too. A request's own logger already binds it,
 * and a second copy would make the line carry a duplicate JSON key.
 */
export function correlationMixin(_mergeObject: object, _level: number, logger: Logger): object {
  const correlationId = correlationContext.currentId();
  if (correlationId === undefined || 'correlationId' in logger.bindings()) {
    return {};
  }
  return { correlationId };
}
