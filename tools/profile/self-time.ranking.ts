import type { Frame, FrameCategory, StackNode } from './cpu-profile.types';
import { frameKey } from './stack-tree.builder';

export interface RankedFunction {
  frame: Frame;
  selfUs: number;
  /** Of the CPU time profiled, 0..1. */
  share: number;
  /**
   * For Node.js and native frames (a socket's `writev`, `runMicrotasks`): the package or project
   * folder nearest below them on the stack that most of their time was reached from, and how
   * much of it; unset when none (the event loop itself) or for a package's or project's own.
   */
  via?: { area: string; share: number };
}

export interface RankedArea {
  area: string;
  category: FrameCategory;
  selfUs: number;
  share: number;
}

interface FunctionEntry {
  frame: Frame;
  selfUs: number;
  callers: Map<string, number>;
}

/**
 * The functions the CPU was in, summed over every path they were called from, heaviest first;
 * the root's own time (none in practice) is left out.
 */
export function rankFunctions(root: StackNode, limit: number): RankedFunction[] {
  const byKey = new Map<string, FunctionEntry>();
  walk(root, (node, owner) => {
    const key = frameKey(node.frame);
    const entry = byKey.get(key) ?? { frame: node.frame, selfUs: 0, callers: new Map() };
    entry.selfUs += node.selfUs;
    if (owner && isForeign(node.frame) && node.selfUs > 0) {
      entry.callers.set(owner, (entry.callers.get(owner) ?? 0) + node.selfUs);
    }
    byKey.set(key, entry);
  });
  return top([...byKey.values()], root.totalUs, limit).map((entry) => ({
    frame: entry.frame,
    selfUs: entry.selfUs,
    share: entry.share,
    ...(entry.callers.size > 0 && { via: topCaller(entry.callers, entry.selfUs) }),
  }));
}

/** Self time by package or project folder (see classifyFrame), heaviest first. */
export function rankAreas(root: StackNode, limit: number): RankedArea[] {
  const byArea = new Map<string, { area: string; category: FrameCategory; selfUs: number }>();
  walk(root, (node) => {
    const { area, category } = node.frame;
    const entry = byArea.get(area) ?? { area, category, selfUs: 0 };
    entry.selfUs += node.selfUs;
    byArea.set(area, entry);
  });
  return top([...byArea.values()], root.totalUs, limit);
}

function isForeign(frame: Frame): boolean {
  return frame.category === 'node' || frame.category === 'runtime';
}

/**
 * Every node below the root, depth first, with the area of its nearest caller that is a package
 * or the repository's code (the node itself excluded).
 */
function walk(root: StackNode, visit: (node: StackNode, owner: string | undefined) => void) {
  const pending: { node: StackNode; owner?: string }[] = root.children.map((node) => ({ node }));
  while (pending.length > 0) {
    const { node, owner } = pending.pop()!;
    visit(node, owner);
    const below = isForeign(node.frame) ? owner : node.frame.area;
    pending.push(...node.children.map((child) => ({ node: child, owner: below })));
  }
}

function topCaller(callers: Map<string, number>, selfUs: number) {
  const [area, us] = [...callers.entries()].sort((a, b) => b[1] - a[1])[0];
  return { area, share: selfUs > 0 ? us / selfUs : 0 };
}

function top<T extends { selfUs: number }>(
  entries: T[],
  totalUs: number,
  limit: number,
): (T & { share: number })[] {
  return entries
    .filter((entry) => entry.selfUs > 0)
    .sort((a, b) => b.selfUs - a.selfUs)
    .slice(0, limit)
    .map((entry) => ({ ...entry, share: totalUs > 0 ? entry.selfUs / totalUs : 0 }));
}
