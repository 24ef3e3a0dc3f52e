import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  MESSAGE_CATALOG,
  MESSAGE_TYPE_ALIASES,
  QUEUE_CONSUMERS,
  QUEUE_NAMES,
  type MessageType,
  type QueueName,
} from '@conveyor/contracts';
import { repoRoot } from '@conveyor/dev-stack';

const root = repoRoot();
const START = '<!-- catalog:start -->';
const END = '<!-- catalog:end -->';

/** Where a queue is consumed: one file per queue, named after it, in the consuming app. */
function consumerFile(queue: QueueName): string {
  return `apps/${QUEUE_CONSUMERS[queue]}/src/${queue}-queue.consumer.ts`;
}

function typesOn(queue: QueueName): MessageType[] {
  return (Object.keys(MESSAGE_CATALOG) as MessageType[]).filter(
    (type) => MESSAGE_CATALOG[type].queue === queue,
  );
}

/** The catalog as docs/messages.md shows it, between its markers. */
function renderCatalog(): string {
  const sections = QUEUE_NAMES.map((queue) => {
    const rows = typesOn(queue).map((type) => {
      const { version, producers, orderId } = MESSAGE_CATALOG[type];
      const scope = orderId.safeParse(null).success ? 'none' : 'one order';
      return `| \`${type}\` | ${version} | ${producers.join(', ')} | ${scope} |`;
    });
    return [
      `### \`${queue}\` → ${QUEUE_CONSUMERS[queue]}`,
      '',
      `Handlers: [\`${consumerFile(queue)}\`](../${consumerFile(queue)})`,
      '',
      '| Type | Version | Sent by | Order |',
      '| ---- | ------- | ------- | ----- |',
      ...rows,
    ].join('\n');
  });
  const aliases = Object.entries(MESSAGE_TYPE_ALIASES).map(
    ([former, current]) => `| \`${former}\` | \`${current}\` |`,
  );
  const formerNames = [
    '### Former names still accepted',
    '',
    '| Former name | Read as |',
    '| ----------- | ------- |',
    ...aliases,
  ].join('\n');
  return [...sections, formerNames].join('\n\n');
}

describe('docs/messages.md and the queue consumers', () => {
  it('names, for each queue, a consumer file that maps every type on the queue to a handler', () => {
    for (const queue of QUEUE_NAMES) {
      const file = path.join(root, consumerFile(queue));
      expect(existsSync(file)).toBe(true);
      const source = readFileSync(file, 'utf8');
      expect(source).toContain(`consume('${queue}', {`);
      for (const type of typesOn(queue)) expect(source).toContain(`'${type}':`);
    }
  });

  it('shows the catalog as it is (regenerate the part between the markers from this test)', () => {
    const doc = readFileSync(path.join(root, 'docs/messages.md'), 'utf8');
    const shown = doc.slice(doc.indexOf(START) + START.length, doc.indexOf(END)).trim();
    expect(shown).toEqual(renderCatalog());
  });
});
