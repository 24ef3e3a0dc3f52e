import { FIXTURE_ROOT, syntheticProfile } from './cpu-profile.fixture';
import type { StackNode } from './cpu-profile.types';
import { classifyFrame } from './frame.classifier';
import { buildStackTree, sampledTime } from './stack-tree.builder';

const frameOf = (callFrame: Parameters<typeof classifyFrame>[0]) =>
  classifyFrame(callFrame, FIXTURE_ROOT);

function child(node: StackNode, name: string): StackNode {
  const found = node.children.find((candidate) => candidate.frame.name === name);
  if (!found) throw new Error(`${name} not under ${node.frame.name}`);
  return found;
}

describe('buildStackTree', () => {
  it('weighs the samples by time and leaves the idle time out of the CPU time', () => {
    const tree = buildStackTree(syntheticProfile(), { frameOf });
    expect(tree.cpuUs).toBe(9_000);
    expect(tree.root.totalUs).toBe(9_000);
    expect(tree.idleUs).toBe(2_000);
    expect(tree.spanUs).toBe(11_000);
    expect(tree.root.children.map((node) => node.frame.name)).not.toContain('(idle)');
  });

  it('adds up totals along each path and keeps self time where it was sampled', () => {
    const { root } = buildStackTree(syntheticProfile(), { frameOf });
    const ticks = child(root, 'processTicksAndRejections');
    const handle = child(ticks, 'handle');
    expect(ticks.totalUs).toBe(5_000);
    expect(handle).toMatchObject({ totalUs: 5_000, selfUs: 1_000 });
    expect(child(handle, 'query')).toMatchObject({ totalUs: 2_000, selfUs: 2_000 });
    expect(child(child(handle, 'send'), 'writeGeneric').selfUs).toBe(1_000);
    expect(child(child(root, 'placeOrder'), 'query').totalUs).toBe(2_000);
  });

  it('puts the heaviest child first', () => {
    const { root } = buildStackTree(syntheticProfile(), { frameOf });
    expect(root.children.map((node) => node.frame.name)).toEqual([
      'processTicksAndRejections',
      'placeOrder',
      '(program)',
      '(garbage collector)',
    ]);
  });

  it('merges sibling nodes whose frames read the same after frameOf', () => {
    // pg's query straight under the root from two compiled lines, as two source-mapped
    // locations of one source line would be.
    const profile = syntheticProfile();
    profile.nodes[0].children = [8, 11];
    const second = profile.nodes.find((node) => node.id === 11)!;
    second.callFrame = { ...second.callFrame, lineNumber: 600 };
    const apart = buildStackTree(profile, { frameOf });
    expect(apart.root.children.map((node) => node.totalUs)).toEqual([2_000, 2_000]);
    const merged = buildStackTree(profile, {
      frameOf: (callFrame) => frameOf({ ...callFrame, lineNumber: 500 }),
    });
    expect(merged.root.children).toHaveLength(1);
    expect(merged.root.children[0]).toMatchObject({ totalUs: 4_000, selfUs: 4_000 });
  });

  it('counts only the samples taken inside the window', () => {
    // Samples stamped 5,000 to 8,000 µs: pg's query twice, send, writeGeneric.
    const tree = buildStackTree(syntheticProfile(), {
      frameOf,
      window: { fromUs: 5_000, toUs: 8_000 },
    });
    expect(tree.cpuUs).toBe(4_000);
    expect(tree.idleUs).toBe(0);
    expect(tree.spanUs).toBe(3_000);
    expect(tree.root.children.map((node) => node.frame.name)).toEqual([
      'processTicksAndRejections',
    ]);
  });
});

describe('sampledTime', () => {
  it('gives each sample the gap to the next, the last one the gap to the end', () => {
    const times = sampledTime({
      nodes: [],
      startTime: 0,
      endTime: 1_000,
      samples: [1, 2, 1],
      timeDeltas: [100, 500, 100],
    });
    expect(times.get(1)).toBe(500 + 300);
    expect(times.get(2)).toBe(100);
  });

  it('counts a sample recorded out of order as no time', () => {
    const times = sampledTime({
      nodes: [],
      startTime: 0,
      endTime: 100,
      samples: [1, 2],
      timeDeltas: [50, -10],
    });
    expect(times.get(1)).toBe(0);
    expect(times.get(2)).toBe(60);
  });
});
