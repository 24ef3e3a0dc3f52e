import { ConsumerSlots } from './consumer-slots';

describe('ConsumerSlots', () => {
  const signal = new AbortController().signal;
  let slots: ConsumerSlots;
  let busy: number[];
  beforeEach(() => {
    jest.useFakeTimers();
    busy = [];
    slots = new ConsumerSlots(10, 10, 50, (count) => busy.push(count));
  });
  afterEach(() => jest.useRealTimers());

  const takeAll = (count: number) => Array.from({ length: count }, () => slots.take());
  /** Settles the wait and reports whether it ended. */
  function track(wait: Promise<void>): { done: boolean } {
    const state = { done: false };
    void wait.then(() => (state.done = true));
    return state;
  }

  it('with a backlog, waits for a full batch of free slots before receiving', async () => {
    takeAll(10);
    const wait = track(slots.waitForReceive(signal, true));
    for (let freed = 1; freed < 10; freed++) {
      slots.give();
      await jest.advanceTimersByTimeAsync(1);
      expect(wait.done).toBe(false);
    }
    slots.give();
    await jest.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
    expect(busy.at(-1)).toBe(0);
  });

  it('receives for the free slots once the linger has passed, so one slow handler holds back no one', async () => {
    takeAll(10);
    const wait = track(slots.waitForReceive(signal, true));
    slots.give();
    await jest.advanceTimersByTimeAsync(49);
    expect(wait.done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
    expect(slots.free).toBe(1);
  });

  it('never receives while every slot is busy, however long it waits', async () => {
    takeAll(10);
    const wait = track(slots.waitForReceive(signal, true));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(wait.done).toBe(false);
    slots.give();
    await jest.advanceTimersByTimeAsync(50);
    expect(wait.done).toBe(true);
  });

  it('without a backlog, receives as soon as one slot is free', async () => {
    takeAll(10);
    const wait = track(slots.waitForReceive(signal, false));
    slots.give();
    await jest.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('asks for no more than its capacity when that is below a batch', async () => {
    const small = new ConsumerSlots(3, 10, 50, () => undefined);
    small.take();
    small.take();
    small.take();
    const wait = track(small.waitForReceive(signal, true));
    small.give();
    small.give();
    await jest.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(false);
    small.give();
    await jest.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('ends a wait at once when the consumer stops', async () => {
    const stopping = new AbortController();
    takeAll(10);
    const wait = track(slots.waitForReceive(stopping.signal, true));
    stopping.abort();
    slots.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });
});
