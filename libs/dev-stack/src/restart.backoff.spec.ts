import { RestartBackoff } from './restart.backoff';

describe('RestartBackoff', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1_000, resetAfterMs: 10_000 };

  it('doubles the delay while the app keeps dying young, up to the cap', () => {
    const backoff = new RestartBackoff(options);

    const delays = Array.from({ length: 6 }, () => backoff.next(50));

    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoff.consecutive).toBe(6);
  });

  it('waits only the first delay for an app that came up before each death', () => {
    const backoff = new RestartBackoff(options);

    const delays = Array.from({ length: 5 }, () => {
      backoff.cameUp();
      return backoff.next(2_000);
    });

    expect(delays).toEqual([100, 100, 100, 100, 100]);
    expect(backoff.consecutive).toBe(1);
  });

  it('doubles again from the first delay when a process that came up is followed by a crash loop', () => {
    const backoff = new RestartBackoff(options);
    backoff.next(50);
    backoff.next(50);
    backoff.cameUp();

    expect([backoff.next(3_000), backoff.next(50), backoff.next(50)]).toEqual([100, 200, 400]);
  });

  it('starts again from the first delay once the app stayed up long enough', () => {
    const backoff = new RestartBackoff(options);
    backoff.next(50);
    backoff.next(50);
    backoff.next(50);

    expect(backoff.next(10_000)).toBe(100);
    expect(backoff.next(9_999)).toBe(200);
  });

  it('never overflows however long a crash loop lasts', () => {
    const backoff = new RestartBackoff(options);
    for (let i = 0; i < 2_000; i++) backoff.next(0);

    expect(backoff.next(0)).toBe(1_000);
  });
});
