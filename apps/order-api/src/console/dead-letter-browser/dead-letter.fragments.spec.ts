import { renderDeadLetterListing, renderRedriveProgress } from './dead-letter.fragments';

const progress = { taskId: 't-1', queue: 'payments' as const, moved: 2, returned: 1 };

describe('dead-letter browser fragments', () => {
  it('asks for a running redrive again, and stops asking once it ended', () => {
    const running = renderRedriveProgress({ ...progress, state: 'running' }).toString();
    expect(running).toContain('hx-get="/console/dead-letters/payments/redrive/t-1"');
    expect(running).toContain('hx-trigger="load delay:1s"');
    const done = renderRedriveProgress({ ...progress, state: 'completed' }).toString();
    expect(done).not.toContain('hx-get');
    expect(done.replace(/\s+/g, ' ')).toContain(
      '2 moved back to payments, 1 failed again and stayed dead-lettered',
    );
    const failed = renderRedriveProgress({ ...progress, state: 'failed', error: 'SQS <down>' });
    expect(failed.toString()).toContain('SQS &lt;down&gt;');
  });

  it('lists messages with their reasons, escaped, and says when the DLQ is empty', () => {
    const listing = renderDeadLetterListing({
      queue: 'payments',
      depth: 1,
      messages: [{ id: 'm-1', reason: '<b>bad</b> payload', bodyPreview: '{"a":1}' }],
    }).toString();
    expect(listing).toContain('&lt;b&gt;bad&lt;/b&gt; payload');
    expect(listing).toContain('hx-delete="/console/dead-letters/payments/messages/m-1"');
    const empty = renderDeadLetterListing({ queue: 'payments', depth: 0, messages: [] });
    expect(empty.toString()).toContain('The dead-letter queue is empty.');
  });
});
