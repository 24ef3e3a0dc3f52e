import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONVEYOR_APPS, QUEUE_NAMES } from '@conveyor/contracts';
import { repoRoot } from '@conveyor/dev-stack';
import { messageFlows } from '@conveyor/messaging';

/** `id[label]` or `id[(label)]`; a bare `id` refers to a node defined elsewhere. */
const NODE = /^([A-Za-z]\w*)(?:\[\(?(.*?)\)?\])?$/;

/** The README's mermaid flowchart as edges between named nodes: apps, `queue:<name>` and others. */
function readmeEdges(): string[] {
  const readme = readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const chart = /```mermaid\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const labels = new Map<string, string>();
  const edges: [string[], string[]][] = [];
  for (const line of chart.split('\n').map((l) => l.trim())) {
    const [from, to] = line.split(/\s*-->(?:\|[^|]*\|)?\s*/);
    if (to === undefined) continue;
    const ids = (side: string) =>
      side.split(/\s*&\s*/).map((node) => {
        const [, id, label] = NODE.exec(node) ?? [];
        if (!id) throw new Error(`unreadable node ${node} in: ${line}`);
        if (label) labels.set(id, label);
        return id;
      });
    edges.push([ids(from), ids(to)]);
  }
  const name = (id: string) => nameOf(labels.get(id) ?? id);
  return edges.flatMap(([from, to]) =>
    from.flatMap((a) => to.map((b) => `${name(a)} → ${name(b)}`)),
  );
}

function nameOf(label: string): string {
  const queue = /^SQS (\S+)$/.exec(label)?.[1];
  if (queue) return `queue:${queue}`;
  return label.split('<br/>')[0];
}

describe('the README diagram', () => {
  it('draws exactly the producer → queue → consumer edges the message catalog declares', () => {
    const declared = new Set(
      messageFlows().flatMap(({ producer, queue, consumer }) => [
        `${producer} → queue:${queue}`,
        `queue:${queue} → ${consumer}`,
      ]),
    );
    const apps = new Set<string>(CONVEYOR_APPS);
    const queues = new Set(QUEUE_NAMES.map((queue) => `queue:${queue}`));
    const drawn = readmeEdges().filter((edge) => {
      const [from, to] = edge.split(' → ');
      return (apps.has(from) || queues.has(from)) && (apps.has(to) || queues.has(to));
    });
    expect(new Set(drawn)).toEqual(declared);
    expect(drawn).toHaveLength(declared.size);
  });
});
