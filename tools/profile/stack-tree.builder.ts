import type { CallFrame, CpuProfile, CpuProfileNode, Frame, StackNode } from './cpu-profile.types';

export interface StackTree {
  /** The `(root)` frame: its total is the CPU time profiled (idle left out). */
  root: StackNode;
  cpuUs: number;
  /** Time the thread waited for work: sampled, but no CPU, so in neither the tree nor cpuUs. */
  idleUs: number;
  /** The stretch of the profile the samples were taken from (the window, or all of it). */
  spanUs: number;
}

export interface StackTreeOptions {
  frameOf: (callFrame: CallFrame) => Frame;
  /** Only samples taken in this stretch (profile clock, µs) count; unset: the whole profile. */
  window?: { fromUs: number; toUs: number };
}

/**
 * Turns V8's sampled call tree into one weighted by time: each sample counts for the time until
 * the next one (the profiler's interval stretches under load, so counting samples would not do),
 * and nodes whose frames read the same (name, file, line) after `frameOf` merge, as happens when
 * source maps lead two compiled locations to one source line.
 */
export function buildStackTree(profile: CpuProfile, options: StackTreeOptions): StackTree {
  const selfById = sampledTime(profile, options.window);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const rootNode = findRoot(profile.nodes);
  const root = emptyNode(options.frameOf(rootNode.callFrame));
  let idleUs = 0;
  const visit = (node: CpuProfileNode, into: StackNode) => {
    for (const childId of node.children ?? []) {
      const child = byId.get(childId);
      if (!child) continue;
      if (isIdle(child.callFrame)) {
        idleUs += subtreeTime(child, byId, selfById);
        continue;
      }
      const frame = options.frameOf(child.callFrame);
      const merged = childFor(into, frame);
      merged.selfUs += selfById.get(child.id) ?? 0;
      visit(child, merged);
    }
  };
  root.selfUs = selfById.get(rootNode.id) ?? 0;
  visit(rootNode, root);
  const cpuUs = finish(root);
  const span = options.window
    ? Math.min(options.window.toUs, profile.endTime) -
      Math.max(options.window.fromUs, profile.startTime)
    : profile.endTime - profile.startTime;
  return { root, cpuUs, idleUs, spanUs: Math.max(span, 0) };
}

/** Time per node id: each sample weighs the gap to the next (the last: to the profile's end). */
export function sampledTime(
  profile: CpuProfile,
  window?: { fromUs: number; toUs: number },
): Map<number, number> {
  const times = new Map<number, number>();
  let at = profile.startTime;
  const stamps = profile.timeDeltas.map((delta) => (at += delta));
  profile.samples.forEach((id, index) => {
    const stamp = stamps[index];
    if (window && (stamp < window.fromUs || stamp > window.toUs)) return;
    const next = index + 1 < stamps.length ? stamps[index + 1] : profile.endTime;
    // V8 occasionally records a sample out of order: a negative gap counts as none.
    times.set(id, (times.get(id) ?? 0) + Math.max(next - stamp, 0));
  });
  return times;
}

export function frameKey(frame: Frame): string {
  return `${frame.name}\u0000${frame.file}\u0000${frame.line}`;
}

function findRoot(nodes: CpuProfileNode[]): CpuProfileNode {
  const children = new Set(nodes.flatMap((node) => node.children ?? []));
  const root = nodes.find((node) => !children.has(node.id));
  if (!root) throw new Error('the profile has no root node');
  return root;
}

function isIdle(callFrame: CallFrame): boolean {
  return callFrame.functionName === '(idle)' && !callFrame.url;
}

function emptyNode(frame: Frame): StackNode {
  return { frame, totalUs: 0, selfUs: 0, children: [] };
}

function childFor(parent: StackNode, frame: Frame): StackNode {
  const key = frameKey(frame);
  let child = parent.children.find((candidate) => frameKey(candidate.frame) === key);
  if (!child) {
    child = emptyNode(frame);
    parent.children.push(child);
  }
  return child;
}

function subtreeTime(
  node: CpuProfileNode,
  byId: Map<number, CpuProfileNode>,
  selfById: Map<number, number>,
): number {
  let sum = selfById.get(node.id) ?? 0;
  for (const id of node.children ?? []) {
    const child = byId.get(id);
    if (child) sum += subtreeTime(child, byId, selfById);
  }
  return sum;
}

/** Totals bottom-up, empty paths (outside the window) dropped, the heaviest child first. */
function finish(node: StackNode): number {
  let total = node.selfUs;
  for (const child of node.children) total += finish(child);
  node.children = node.children
    .filter((child) => child.totalUs > 0)
    .sort((a, b) => b.totalUs - a.totalUs);
  node.totalUs = total;
  return total;
}
