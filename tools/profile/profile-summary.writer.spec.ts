import { FIXTURE_ROOT, syntheticProfile } from './cpu-profile.fixture';
import { classifyFrame } from './frame.classifier';
import { renderProfileSummary, type AppProfileSummary } from './profile-summary.writer';
import { rankAreas, rankFunctions } from './self-time.ranking';
import { buildStackTree } from './stack-tree.builder';

function summary(): AppProfileSummary {
  const tree = buildStackTree(syntheticProfile(), {
    frameOf: (callFrame) => classifyFrame(callFrame, FIXTURE_ROOT),
  });
  return {
    app: 'order-api',
    cpuUs: tree.cpuUs,
    idleUs: tree.idleUs,
    spanUs: tree.spanUs,
    functions: rankFunctions(tree.root, 15),
    areas: rankAreas(tree.root, 10),
    processCpuMs: 8,
    svg: 'order-api.svg',
  };
}

const RUN = {
  command: 'npm run profile -- --rate 10',
  startedAt: '2026-12-05T22:00:00.000Z',
  node: 'v24.0.0',
  machine: '2 cores',
  load: '10 orders/s for 20 s',
  warnings: ['3 orders were not accepted'],
};

describe('renderProfileSummary', () => {
  const markdown = renderProfileSummary(RUN, [summary()]);

  it('states the run, its load and its warnings', () => {
    expect(markdown).toContain('`npm run profile -- --rate 10`');
    expect(markdown).toContain('- Load: 10 orders/s for 20 s');
    expect(markdown).toContain('- Warning: 3 orders were not accepted');
  });

  it('gives each app its CPU time and a link to its flame graph', () => {
    expect(markdown).toContain('## order-api');
    expect(markdown).toContain('9.0 ms profiled over 0.0 s (81.8% of one core), idle 2.0 ms');
    expect(markdown).toContain('process CPU 8.0 ms');
    expect(markdown).toContain('[order-api.svg](order-api.svg)');
  });

  it('lists the functions with location, area, time and share', () => {
    expect(markdown).toContain('| 1 | `query` | `pg/lib/client.js:501` | pg | 4.0 | 44.4% |');
    expect(markdown).toMatch(
      /\| `writeGeneric` \| `node:internal\/stream_base_commons:151`, 100\.0% via @aws-sdk\/\* \|/,
    );
    expect(markdown).toMatch(/\| `\(garbage collector\)` \| — \| GC \| 1\.0 \| 11\.1% \|/);
  });

  it('shortens a very long function name', () => {
    const app = summary();
    app.functions[0].frame = { ...app.functions[0].frame, name: `RegExp: ${'x'.repeat(100)}` };
    const table = renderProfileSummary(RUN, [app]);
    expect(table).toContain(`| 1 | \`RegExp: ${'x'.repeat(51)}…\` |`);
  });

  it('lists the areas with their kind', () => {
    expect(markdown).toContain('| pg | package | 4.0 | 44.4% |');
    expect(markdown).toContain('| libs/messaging | this repository | 1.0 | 11.1% |');
    expect(markdown).toContain('| GC | engine | 1.0 | 11.1% |');
  });
});
