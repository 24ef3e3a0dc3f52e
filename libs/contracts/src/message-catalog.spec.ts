import { MESSAGE_CATALOG, MESSAGE_TYPE_ALIASES } from './message-catalog';
import type { MessageType } from './message-catalog.types';
import { QUEUE_CONSUMERS, QUEUE_NAMES } from './topology';

/** The naming rule: a type's prefix names its queue, so a type name tells where it travels. */
const PREFIX_OF_QUEUE = {
  payments: 'payment.',
  inventory: 'inventory.',
  shipping: 'shipping.',
  'order-events': 'order.',
} as const;

const types = Object.keys(MESSAGE_CATALOG) as MessageType[];

describe('MESSAGE_CATALOG', () => {
  it.each(types)(
    '%s is named for its queue and has a producer that is not its consumer',
    (type) => {
      const { queue, producers } = MESSAGE_CATALOG[type];
      expect(type.startsWith(PREFIX_OF_QUEUE[queue])).toBe(true);
      expect(producers.length).toBeGreaterThan(0);
      expect(producers).not.toContain(QUEUE_CONSUMERS[queue]);
    },
  );

  it('carries at least one type on every queue', () => {
    const used = new Set(types.map((type) => MESSAGE_CATALOG[type].queue));
    expect([...used].sort()).toEqual([...QUEUE_NAMES].sort());
  });

  it('maps every former name to a current type, and no current type is also an alias', () => {
    for (const [former, current] of Object.entries(MESSAGE_TYPE_ALIASES)) {
      expect(types).toContain(current);
      expect(types).not.toContain(former);
    }
  });
});
