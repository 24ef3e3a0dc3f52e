import { ConcurrencyLimit } from './concurrency-limit';

describe('ConcurrencyLimit', () => {
  it('never runs more than its limit at once and runs every task, in arrival order', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates: (() => void)[] = [];
    const started: number[] = [];
    let active = 0;
    let maxActive = 0;
    const tasks = Array.from({ length: 5 }, (_, index) =>
      limit.run(async () => {
        started.push(index);
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((resolve) => gates.push(resolve));
        active -= 1;
        return index;
      }),
    );
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    expect(started).toEqual([0, 1]);
    while (gates.length > 0) {
      gates.shift()?.();
      await settle();
    }
    await expect(Promise.all(tasks)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(maxActive).toBe(2);
  });

  it('frees the turn of a task that fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
