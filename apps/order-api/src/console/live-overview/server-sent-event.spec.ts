import { serverSentEvent } from './server-sent-event';

describe('serverSentEvent', () => {
  it('frames a multi-line payload as one event', () => {
    expect(serverSentEvent('overview', '<p>\n  a\r\n</p>')).toBe(
      'event: overview\ndata: <p>\ndata:   a\ndata: </p>\n\n',
    );
  });

  it('refuses an event name that would break the framing', () => {
    expect(() => serverSentEvent('a\ndata: x', '')).toThrow(/one line/);
  });
});
