import type { AttributeValue, TraceSpan, TraceSpanKind } from '@conveyor/tracing';

type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
};
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: KeyValue[];
  status?: { code?: number; message?: string };
  links?: { traceId: string; spanId: string; attributes?: KeyValue[] }[];
}
export interface OtlpTracesRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

const KINDS: TraceSpanKind[] = [
  'unspecified',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];
const STATUS = ['unset', 'ok', 'error'] as const;

/** Flattens an OTLP/HTTP JSON ExportTraceServiceRequest (ids in hex, as the JSON mapping says). */
export function decodeOtlpTraces(request: OtlpTracesRequest): TraceSpan[] {
  const spans: TraceSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : '';
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) spans.push(flatten(span, service));
    }
  }
  return spans;
}

function flatten(span: OtlpSpan, service: string): TraceSpan {
  const flat: TraceSpan = {
    traceId: span.traceId.toLowerCase(),
    spanId: span.spanId.toLowerCase(),
    service,
    name: span.name,
    kind: KINDS[span.kind ?? 0] ?? 'unspecified',
    startTimeUnixNano: String(span.startTimeUnixNano ?? '0'),
    endTimeUnixNano: String(span.endTimeUnixNano ?? '0'),
    status: { code: STATUS[span.status?.code ?? 0] ?? 'unset' },
    attributes: attributesOf(span.attributes),
    links: (span.links ?? []).map((link) => ({
      traceId: link.traceId.toLowerCase(),
      spanId: link.spanId.toLowerCase(),
      attributes: attributesOf(link.attributes),
    })),
  };
  if (span.parentSpanId) flat.parentSpanId = span.parentSpanId.toLowerCase();
  if (span.status?.message) flat.status.message = span.status.message;
  return flat;
}

function attributesOf(list: KeyValue[] | undefined): TraceSpan['attributes'] {
  const attributes: TraceSpan['attributes'] = {};
  for (const { key, value } of list ?? []) attributes[key] = scalarOf(value);
  return attributes;
}

function scalarOf(value: AnyValue | undefined): AttributeValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(scalarOf);
  return null;
}
