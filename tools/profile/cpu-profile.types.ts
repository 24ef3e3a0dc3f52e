/** What V8 writes for `node --cpu-prof` (the DevTools Profiler.Profile shape). */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  /** Microseconds, on the same monotonic clock as `process.hrtime` of any process here. */
  startTime: number;
  endTime: number;
  /** The node id sampled at each tick. */
  samples: number[];
  /** Microseconds from the previous sample (the first: from startTime). */
  timeDeltas: number[];
}

export interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  /** Zero-based, -1 when unknown. */
  lineNumber: number;
  columnNumber: number;
}

/**
 * Where a frame's time goes in the summary and its colour in the flame graph: Node.js itself,
 * an npm package, this repository's code, or the engine's own (GC, `(program)`).
 */
export type FrameCategory = 'node' | 'package' | 'project' | 'runtime';

export interface Frame {
  name: string;
  /** Relative to the repository for its own code, else as V8 named it; '' when none. */
  file: string;
  /** One-based; 0 when unknown. */
  line: number;
  category: FrameCategory;
  /** The package (`pg`, `@aws-sdk/*`), the project folder (`libs/messaging`), `node:net`, `GC`. */
  area: string;
}

/** One merged call path: the time spent in it (`totalUs`) and in it alone (`selfUs`). */
export interface StackNode {
  frame: Frame;
  totalUs: number;
  selfUs: number;
  children: StackNode[];
}
