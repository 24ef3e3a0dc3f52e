import { parseQueueMetrics } from './queue-metrics.parser';

describe('parseQueueMetrics', () => {
  it("reads each queue's wait totals and depths from a /metrics exposition", () => {
    const exposition = [
      '# HELP conveyor_message_wait_seconds Age of a message when received',
      '# TYPE conveyor_message_wait_seconds histogram',
      'conveyor_message_wait_seconds_bucket{le="0.05",queue="payments",service="payment-worker"} 3',
      'conveyor_message_wait_seconds_sum{queue="payments",service="payment-worker"} 1.25',
      'conveyor_message_wait_seconds_count{queue="payments",service="payment-worker"} 5',
      'conveyor_message_wait_seconds_count{queue="elsewhere"} 9',
      'conveyor_messages_handled_seconds_count{queue="inventory"} 4',
      'conveyor_queue_messages{queue="payments",state="visible",service="payment-worker"} 7',
      'conveyor_queue_messages{queue="payments",state="in_flight",service="payment-worker"} 2',
      'conveyor_queue_messages{queue="payments",state="delayed",service="payment-worker"} 1',
      'conveyor_queue_messages{queue="payments",state="other",service="payment-worker"} 99',
      'conveyor_dlq_messages{queue="payments",service="payment-worker"} 3',
    ].join('\n');
    expect(parseQueueMetrics(exposition)).toEqual({
      waits: { payments: { sum: 1.25, count: 5 } },
      counts: { payments: { visible: 7, inFlight: 2, delayed: 1, dlq: 3 } },
    });
  });

  it('adds up the wait series of one queue and finds nothing in an unrelated exposition', () => {
    const twice = [
      'conveyor_message_wait_seconds_sum{queue="inventory",pod="a"} 1',
      'conveyor_message_wait_seconds_sum{pod="b",queue="inventory"} 2',
      'conveyor_message_wait_seconds_count{queue="inventory",pod="a"} 1',
      'conveyor_message_wait_seconds_count{queue="inventory",pod="b"} 1',
    ].join('\n');
    expect(parseQueueMetrics(twice).waits).toEqual({ inventory: { sum: 3, count: 2 } });
    expect(parseQueueMetrics('process_cpu_seconds_total 1\n')).toEqual({ waits: {}, counts: {} });
  });
});
