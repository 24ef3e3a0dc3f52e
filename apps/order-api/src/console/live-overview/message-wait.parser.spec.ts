import { parseMessageWaits } from './message-wait.parser';

describe('parseMessageWaits', () => {
  it("reads each queue's wait totals from a /metrics exposition", () => {
    const exposition = [
      '# HELP conveyor_message_wait_seconds Age of a message when received',
      '# TYPE conveyor_message_wait_seconds histogram',
      'conveyor_message_wait_seconds_bucket{le="0.05",queue="payments",service="payment-worker"} 3',
      'conveyor_message_wait_seconds_sum{queue="payments",service="payment-worker"} 1.25',
      'conveyor_message_wait_seconds_count{queue="payments",service="payment-worker"} 5',
      'conveyor_message_wait_seconds_sum{service="x",queue="shipping"} 2',
      'conveyor_message_wait_seconds_count{service="x",queue="shipping"} 1',
      'conveyor_message_wait_seconds_count{queue="elsewhere"} 9',
      'conveyor_messages_handled_seconds_count{queue="inventory"} 4',
    ].join('\n');
    expect(parseMessageWaits(exposition)).toEqual({
      payments: { sum: 1.25, count: 5 },
      shipping: { sum: 2, count: 1 },
    });
  });

  it('adds up the series of one queue and finds nothing in an unrelated exposition', () => {
    const twice = [
      'conveyor_message_wait_seconds_sum{queue="inventory",pod="a"} 1',
      'conveyor_message_wait_seconds_sum{queue="inventory",pod="b"} 2',
      'conveyor_message_wait_seconds_count{queue="inventory",pod="a"} 1',
      'conveyor_message_wait_seconds_count{queue="inventory",pod="b"} 1',
    ].join('\n');
    expect(parseMessageWaits(twice)).toEqual({ inventory: { sum: 3, count: 2 } });
    expect(parseMessageWaits('process_cpu_seconds_total 1\n')).toEqual({});
  });
});
