import { receiveErrorDelayMs, retryBackoffSeconds } from './retry-backoff';

const backoff = { baseSeconds: 2, maxSeconds: 300 };
const highest = () => 0.999_999;

describe('retryBackoffSeconds', () => {
  it('doubles the ceiling with every receive, starting at the base', () => {
    const ceilings = [1, 2, 3, 4, 5].map((count) => retryBackoffSeconds(count, backoff, highest));
    expect(ceilings).toEqual([2, 4, 8, 16, 32]);
  });

  it('caps the ceiling at maxSeconds, even for huge receive counts', () => {
    expect(retryBackoffSeconds(9, backoff, highest)).toBe(300);
    expect(retryBackoffSeconds(5000, backoff, highest)).toBe(300);
  });

  it('draws a full-jitter delay between zero and the ceiling', () => {
    expect(retryBackoffSeconds(4, backoff, () => 0)).toBe(0);
    expect(retryBackoffSeconds(4, backoff, () => 0.5)).toBe(8);
    for (let i = 0; i < 200; i++) {
      const delay = retryBackoffSeconds(4, backoff);
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(16);
    }
  });

  it('never exceeds the 12 hour SQS visibility limit', () => {
    expect(retryBackoffSeconds(30, { baseSeconds: 2, maxSeconds: 1e9 }, highest)).toBe(43_200);
  });
});

describe('receiveErrorDelayMs', () => {
  it('starts around half a second and doubles up to 20 seconds', () => {
    expect(receiveErrorDelayMs(1, () => 0)).toBe(250);
    expect(receiveErrorDelayMs(1, () => 1)).toBe(500);
    expect(receiveErrorDelayMs(3, () => 1)).toBe(2000);
    expect(receiveErrorDelayMs(50, () => 1)).toBe(20_000);
  });

  it('never returns zero, so a failing endpoint is not polled in a tight loop', () => {
    expect(receiveErrorDelayMs(1, () => 0)).toBeGreaterThan(0);
  });
});
