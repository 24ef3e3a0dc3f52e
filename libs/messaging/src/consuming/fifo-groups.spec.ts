import { groupByMessageGroup } from './fifo-groups';

const received = (id: string, groupId?: string) => ({
  message: { MessageId: id, Attributes: groupId ? { MessageGroupId: groupId } : {} },
});

describe('groupByMessageGroup', () => {
  it('keeps the received order within each group', () => {
    const batch = [received('1', 'a'), received('2', 'b'), received('3', 'a'), received('4', 'a')];

    const groups = groupByMessageGroup(batch).map((group) => group.map((i) => i.message.MessageId));

    expect(groups).toEqual([['1', '3', '4'], ['2']]);
  });

  it('treats a message without a group as a group of its own', () => {
    const groups = groupByMessageGroup([received('1'), received('2')]);
    expect(groups).toHaveLength(2);
  });
});
