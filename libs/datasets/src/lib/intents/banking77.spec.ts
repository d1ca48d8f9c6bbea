import { join } from 'node:path';
import { makeTempDir } from '../../test-support/temp-files';
import { banking77Dir, loadBanking77 } from './banking77';
import { readFileSync } from 'node:fs';

// Sizes from the PolyAI README (train 10,003 / test 3,080 / 77 intents).
describe('Banking77', () => {
  it('loads 10,003 training queries over the 77 categories of categories.json', () => {
    const { categories, examples } = loadBanking77('train');
    expect(categories).toHaveLength(77);
    expect(categories[0]).toBe('card_arrival');
    expect(examples).toHaveLength(10_003);
    expect(new Set(examples.map((example) => example.category)).size).toBe(77);
    expect(examples[0]).toEqual({ text: 'I am still waiting on my card?', category: 'card_arrival' });
    // train.csv lines 1729-1730: `"\nHow do I unblock my PIN?",pin_blocked`.
    expect(examples).toContainEqual({ text: '\nHow do I unblock my PIN?', category: 'pin_blocked' });
  });

  it('loads 3,080 test queries, the quoted comma in the second row intact', () => {
    const { examples } = loadBanking77('test');
    expect(examples).toHaveLength(3080);
    expect(examples[1]).toEqual({
      text: 'I still have not received my new card, I ordered over a week ago.',
      category: 'card_arrival',
    });
  });

  it('rejects a category that categories.json does not list', () => {
    const temp = makeTempDir();
    try {
      temp.write('categories.json', readFileSync(join(banking77Dir(), 'categories.json')));
      temp.write('test.csv', 'text,category\nhello,card_arrival\nweather?,oos\n');
      expect(() => loadBanking77('test', temp.dir)).toThrow('category "oos" is not in categories.json');
    } finally {
      temp.remove();
    }
  });
});
