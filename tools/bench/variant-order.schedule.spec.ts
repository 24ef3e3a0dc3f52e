import { describeSchedule, phaseSalt, variantSchedule } from './variant-order.schedule';

describe('variantSchedule', () => {
  const variants = ['conveyor', 'bare', 'pgbench'];

  it('runs ABBA: the given order in odd repetitions, reversed in even ones', () => {
    expect(variantSchedule(variants, 4, { kind: 'abba' })).toEqual([
      ['conveyor', 'bare', 'pgbench'],
      ['pgbench', 'bare', 'conveyor'],
      ['conveyor', 'bare', 'pgbench'],
      ['pgbench', 'bare', 'conveyor'],
    ]);
  });

  it('puts each variant first as often as last over an even number of ABBA repetitions', () => {
    const schedule = variantSchedule(['A', 'B'], 6, { kind: 'abba' });
    const first = schedule.map((turn) => turn[0]);
    expect(first.filter((variant) => variant === 'A')).toHaveLength(3);
  });

  it('shuffles every repetition from the seed: the same seed, the same schedule', () => {
    const order = { kind: 'random', seed: 42 } as const;
    const schedule = variantSchedule(variants, 20, order);
    expect(variantSchedule(variants, 20, order)).toEqual(schedule);
    expect(variantSchedule(variants, 20, { kind: 'random', seed: 43 })).not.toEqual(schedule);
    for (const turn of schedule) expect([...turn].sort()).toEqual([...variants].sort());
    // Twenty repetitions of three variants do not all come out in one order.
    expect(new Set(schedule.map((turn) => turn.join())).size).toBeGreaterThan(1);
  });

  it('shuffles the phases differently with one seed', () => {
    const order = { kind: 'random', seed: 7 } as const;
    const api = variantSchedule(variants, 10, order, phaseSalt('api'));
    const pipeline = variantSchedule(variants, 10, order, phaseSalt('pipeline'));
    expect(api).not.toEqual(pipeline);
  });

  it('describes the scheme, the seed and each repetition', () => {
    const order = { kind: 'random', seed: 5 } as const;
    expect(describeSchedule(order, [['a', 'b']])).toBe('random, seed 5 (#1 a, b)');
    expect(
      describeSchedule({ kind: 'abba' }, variantSchedule(['a', 'b'], 2, { kind: 'abba' })),
    ).toBe('ABBA (#1 a, b; #2 b, a)');
  });
});
