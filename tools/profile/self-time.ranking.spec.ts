import { FIXTURE_ROOT, syntheticProfile } from './cpu-profile.fixture';
import { classifyFrame } from './frame.classifier';
import { rankAreas, rankFunctions } from './self-time.ranking';
import { buildStackTree } from './stack-tree.builder';

const tree = () =>
  buildStackTree(syntheticProfile(), {
    frameOf: (callFrame) => classifyFrame(callFrame, FIXTURE_ROOT),
  });

describe('rankFunctions', () => {
  it('sums a function over every path it was called from, heaviest first', () => {
    const [first, ...rest] = rankFunctions(tree().root, 15);
    expect(first.frame).toMatchObject({ name: 'query', file: 'pg/lib/client.js', line: 501 });
    expect(first.selfUs).toBe(4_000);
    expect(first.share).toBeCloseTo(4 / 9);
    expect(rest.map((entry) => entry.selfUs)).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
  });

  it('leaves out functions without self time and keeps to the limit', () => {
    const names = rankFunctions(tree().root, 15).map((entry) => entry.frame.name);
    expect(names).not.toContain('processTicksAndRejections');
    expect(names).not.toContain('placeOrder');
    expect(rankFunctions(tree().root, 2)).toHaveLength(2);
  });

  it('says which package a Node.js frame was reached from, and none for a package', () => {
    const ranked = rankFunctions(tree().root, 15);
    const write = ranked.find((entry) => entry.frame.name === 'writeGeneric');
    expect(write?.via).toEqual({ area: '@aws-sdk/*', share: 1 });
    expect(ranked.find((entry) => entry.frame.name === 'query')?.via).toBeUndefined();
    expect(ranked.find((entry) => entry.frame.name === '(program)')?.via).toBeUndefined();
  });
});

describe('rankAreas', () => {
  it('sums self time by package, project folder and engine, with shares of the CPU time', () => {
    const areas = rankAreas(tree().root, 10);
    expect(areas[0]).toEqual({ area: 'pg', category: 'package', selfUs: 4_000, share: 4 / 9 });
    expect(areas.map((entry) => entry.area).sort()).toEqual(
      [
        '(program): V8 and native code',
        '@aws-sdk/*',
        'GC',
        'libs/messaging',
        'node:stream_base_commons',
        'pg',
      ].sort(),
    );
    expect(areas.reduce((sum, entry) => sum + entry.share, 0)).toBeCloseTo(1);
  });
});
