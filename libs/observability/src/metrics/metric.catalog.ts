import { counter, gauge, histogram, type MetricDefinition } from './metric.definitions';

const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every Conveyor metric family. Apps register metrics only from here (MetricsService refuses
 * anything else), so docs/operations.md, the alert rules and the Grafana dashboard can be checked
 * against one list; an e2e test checks the list against what the running apps expose.
 */
export const METRICS = {
  httpRequests: counter({
    name: 'conveyor_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
  }),
  httpRequestDuration: histogram({
    name: 'conveyor_http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: LATENCY_BUCKETS_SECONDS,
  }),
  messagesHandled: histogram({
    name: 'conveyor_messages_handled_seconds',
    help: 'Time to handle one message, by queue, message type and outcome (success, transient, poison)',
    labelNames: ['queue', 'type', 'outcome'],
    buckets: [...LATENCY_BUCKETS_SECONDS, 30],
  }),
  messagesInFlight: gauge({
    name: 'conveyor_messages_in_flight',
    help: 'Messages this process received and has not settled yet',
    labelNames: ['queue'],
  }),
  receiveErrors: counter({
    name: 'conveyor_receive_errors_total',
    help: 'Failed ReceiveMessage calls',
    labelNames: ['queue'],
  }),
  messageWait: histogram({
    name: 'conveyor_message_wait_seconds',
    help: 'Age of a message when received (now minus its SentTimestamp): the queue lag consumers see',
    labelNames: ['queue'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
  }),
  messageReceiveCount: histogram({
    name: 'conveyor_message_receive_count',
    help: 'ApproximateReceiveCount of each received message (1 on its first delivery)',
    labelNames: ['queue'],
    buckets: [1, 2, 3, 4, 5, 10],
  }),
  messagesDuplicate: counter({
    name: 'conveyor_messages_duplicate_total',
    help: 'Deliveries the inbox had already processed and skipped, by queue and message type',
    labelNames: ['queue', 'type'],
  }),
  queueMessages: gauge({
    name: 'conveyor_queue_messages',
    help: 'Messages in a work queue by state (visible, in_flight, delayed), sampled by its consumer',
    labelNames: ['queue', 'state'],
  }),
  dlqMessages: gauge({
    name: 'conveyor_dlq_messages',
    help: 'Messages in a queue’s dead-letter queue (visible and in flight), sampled by its consumer',
    labelNames: ['queue'],
  }),
  sampleErrors: counter({
    name: 'conveyor_sample_errors_total',
    help: 'Failed samples of a periodically read gauge, by sampler',
    labelNames: ['sampler'],
  }),
  outboxBacklog: gauge({
    name: 'conveyor_outbox_backlog',
    help: 'Outgoing messages committed but not yet accepted by SQS',
    labelNames: [],
  }),
  outboxOldestAge: gauge({
    name: 'conveyor_outbox_oldest_age_seconds',
    help: 'Age of the oldest outbox row not yet accepted by SQS (0 when the outbox is empty)',
    labelNames: [],
  }),
  stripeCalls: counter({
    name: 'conveyor_stripe_calls_total',
    help: 'Stripe API calls by operation (lookup, authorize, capture, void) and outcome',
    labelNames: ['operation', 'outcome'],
  }),
  stripeIdempotencyErrors: counter({
    name: 'conveyor_stripe_idempotency_errors_total',
    help: 'Payment requests dead-lettered because Stripe remembers the order otherwise (idempotency_error, or a PaymentIntent for another amount)',
    labelNames: ['operation'],
  }),
  stripeCallDuration: histogram({
    name: 'conveyor_stripe_call_duration_seconds',
    help: 'Duration of a Stripe API call, the SDK’s own retries included, by operation',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS_SECONDS,
  }),
  stripeWebhooks: counter({
    name: 'conveyor_stripe_webhooks_total',
    help: 'Verified Stripe webhook events by type and result (forwarded to the payment worker, recorded only, duplicate)',
    labelNames: ['type', 'result'],
  }),
  stripeEventsReconciled: counter({
    name: 'conveyor_stripe_events_reconciled_total',
    help: 'Forwarded Stripe events the payment worker reconciled, by type and outcome',
    labelNames: ['type', 'outcome'],
  }),
  ordersPlaced: counter({
    name: 'conveyor_orders_placed_total',
    help: 'Orders accepted',
    labelNames: [],
  }),
  orders: gauge({
    name: 'conveyor_orders',
    help: 'Orders by status, refreshed periodically by the order API from its database',
    labelNames: ['status'],
  }),
  reconcilerStuckOrders: gauge({
    name: 'conveyor_reconciler_stuck_orders',
    help: 'Stuck orders found by the last reconciler run',
    labelNames: [],
  }),
  reconcilerResent: counter({
    name: 'conveyor_reconciler_resent_total',
    help: 'Stuck orders whose first request was re-sent',
    labelNames: [],
  }),
} as const satisfies Record<string, MetricDefinition>;

export const METRIC_CATALOG: readonly MetricDefinition[] = Object.values(METRICS);
