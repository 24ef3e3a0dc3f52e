import { SpikeDrainWatch, type Remaining } from './spike-drain.watch';

/** A watch over a scripted series of readings, on a clock the test moves. */
function scripted(readings: Remaining[], stallMs = 10_000) {
  let now = 0;
  const left = [...readings];
  const watch = new SpikeDrainWatch(
    () => Promise.resolve(left.length > 1 ? left.shift()! : left[0]),
    stallMs,
    () => now,
  );
  const at = async (ms: number) => {
    now = ms;
    return watch.settled();
  };
  return { watch, at };
}

const left = (orders: number, messages = 0, outboxRows = 0): Remaining => ({
  orders,
  messages,
  outboxRows,
});

describe('SpikeDrainWatch', () => {
  it('ends when no order, message or outbox row is left, timed from its first check', async () => {
    const { watch, at } = scripted([left(900, 2_000, 5), left(100, 300), left(0, 1), left(0)]);
    expect(await at(1_000)).toBe(false);
    expect(await at(2_000)).toBe(false);
    expect(await at(3_000)).toBe(false);
    expect(await at(4_500)).toBe(true);
    expect(watch.outcome()).toEqual({ backlog: 900, seconds: 3.5, stalled: false });
  });

  it('waits for a slow drain as long as it keeps moving', async () => {
    const readings = Array.from({ length: 60 }, (_, index) => left(600 - index * 10));
    const { watch, at } = scripted([...readings, left(0)], 5_000);
    for (let second = 0; second < 60; second++) expect(await at(second * 4_000)).toBe(false);
    expect(await at(240_000)).toBe(true);
    expect(watch.outcome()).toEqual({ backlog: 600, seconds: 240, stalled: false });
  });

  it('gives up once nothing has moved for the stall time, and says it stalled', async () => {
    const { watch, at } = scripted([left(50, 100), left(40, 80), left(40, 80)], 10_000);
    expect(await at(0)).toBe(false);
    expect(await at(1_000)).toBe(false);
    expect(await at(10_000)).toBe(false);
    expect(await at(11_000)).toBe(true);
    expect(watch.outcome()).toEqual({ backlog: 50, seconds: null, stalled: true });
  });

  it('does not read the pipeline more than twice a second', async () => {
    let reads = 0;
    let now = 0;
    const watch = new SpikeDrainWatch(
      () => {
        reads++;
        return Promise.resolve(left(1));
      },
      60_000,
      () => now,
    );
    for (now = 0; now < 2_000; now += 250) await watch.settled();
    expect(reads).toBe(4);
    expect(watch.outcome()).toBeNull();
  });
});
