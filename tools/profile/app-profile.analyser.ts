import { readFileSync } from 'node:fs';
import type { CpuProfile } from './cpu-profile.types';
import { renderFlameGraph } from './flame-graph.renderer';
import type { AppProfileSummary } from './profile-summary.writer';
import { rankAreas, rankFunctions } from './self-time.ranking';
import { sourceMappedFrames } from './source-location.mapper';
import { buildStackTree } from './stack-tree.builder';

export const TOP_FUNCTIONS = 15;
export const TOP_AREAS = 10;

/** One app's .cpuprofile as its flame graph and its summary, over the load window only. */
export function analyseAppProfile(
  app: string,
  file: string,
  options: { root: string; window?: { fromUs: number; toUs: number } },
): { summary: AppProfileSummary; svg: string; warning?: string } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const overlaps =
    !options.window ||
    (options.window.fromUs < profile.endTime && options.window.toUs > profile.startTime);
  // The window is read on the parent's clock; should it ever miss the profile, show all of it.
  const window = overlaps ? options.window : undefined;
  const tree = buildStackTree(profile, { frameOf: sourceMappedFrames(options.root), window });
  tree.root.frame = { ...tree.root.frame, name: app };
  const summary: AppProfileSummary = {
    app,
    cpuUs: tree.cpuUs,
    idleUs: tree.idleUs,
    spanUs: tree.spanUs,
    functions: rankFunctions(tree.root, TOP_FUNCTIONS),
    areas: rankAreas(tree.root, TOP_AREAS),
    svg: `${app}.svg`,
  };
  const svg = renderFlameGraph(tree.root, {
    title: `${app}: CPU flame graph`,
    subtitle:
      `main thread busy ${(tree.cpuUs / 1000).toFixed(0)} ms in ${(tree.spanUs / 1e6).toFixed(1)} s ` +
      `of load (idle left out). Width: share of that time; hover a frame for file, line, times.`,
  });
  const warning = overlaps
    ? undefined
    : `${app}: the load window is outside its profile's time range; the whole profile is shown`;
  return { summary, svg, warning };
}
