import { compareIds, indexInteractions, itemsByUser } from './interaction-data';

describe('interaction indexing', () => {
  it('orders numeric ids numerically and others after them', () => {
    expect(['10', 'b', '2', 'a', '1'].sort(compareIds)).toEqual(['1', '2', '10', 'a', 'b']);
  });

  it('indexes users and items densely, includes items without interactions, and dedupes per user', () => {
    const data = indexInteractions(
      [
        { userId: 'u2', itemId: '10', value: 5 },
        { userId: 'u1', itemId: '2', value: 3 },
        { userId: 'u2', itemId: '10', value: 4 },
      ],
      ['7'],
    );
    expect(data.userIds).toEqual(['u1', 'u2']);
    expect(data.itemIds).toEqual(['2', '7', '10']);
    expect(data.interactions[0]).toEqual({ user: 1, item: 2, value: 5 });
    expect(itemsByUser(data).map((a) => Array.from(a))).toEqual([[0], [2]]);
  });
});
