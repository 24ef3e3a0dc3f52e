// Loads only @opentelemetry/api: the SDK is required by startTracing, and only when tracing is on.
export { startTracing, shutdownTracing } from './tracing.start';
export {
  captureTraceContext,
  contextFrom,
  outsideAnyTrace,
  tagActiveSpan,
  type TraceContext,
} from './trace-context';
export {
  inProcessSpan,
  startSendSpans,
  type SendResult,
  type TracedMessage,
} from './message.spans';
export { traceLogFields } from './trace-log.fields';
export {
  ORDER_ID_ATTRIBUTE,
  type AttributeValue,
  type TraceSpan,
  type TraceSpanKind,
} from './trace-span.types';
export { TraceQueryClient } from './trace-query.client';
