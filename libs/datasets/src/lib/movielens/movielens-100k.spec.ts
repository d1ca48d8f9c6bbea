import { DatasetFormatError } from '../dataset-errors';
import { makeTempDir } from '../../test-support/temp-files';
import { loadMovieLensItems } from './items';
import { loadMovieLens100k, loadMovieLensShippedSplits } from './movielens-100k';
import { loadMovieLensRatings } from './ratings';

// Counts from the GroupLens README and u.info (100,000 ratings, 943 users, 1,682 items).
describe('MovieLens 100K', () => {
  const ml = loadMovieLens100k();

  it('loads 100,000 ratings by 943 users on 1,682 movies', () => {
    expect(ml.ratings).toHaveLength(100_000);
    expect(new Set(ml.ratings.map((r) => r.userId)).size).toBe(943);
    expect(new Set(ml.ratings.map((r) => r.itemId)).size).toBe(1682);
    // First line of u.data: 196 242 3 881250949.
    expect(ml.ratings[0]).toEqual({ userId: 196, itemId: 242, rating: 3, timestamp: 881250949 });
    expect(ml.users).toHaveLength(943);
    expect(ml.users[0]).toEqual({ id: 1, age: 24, gender: 'M', occupation: 'technician', zipCode: '85711' });
  });

  it('decodes u.item as Latin-1 and maps genre flags to u.genre names', () => {
    expect(ml.genres).toHaveLength(19);
    expect(ml.genres[0]).toBe('unknown');
    expect(ml.genres[18]).toBe('Western');
    expect(ml.movies).toHaveLength(1682);
    const byId = new Map(ml.movies.map((movie) => [movie.id, movie]));
    // u.item line 1: flags 0|0|0|1|1|1|0... = Animation, Children's, Comedy.
    expect(byId.get(1)).toEqual({
      id: 1,
      title: 'Toy Story (1995)',
      releaseDate: '01-Jan-1995',
      videoReleaseDate: null,
      imdbUrl: 'http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)',
      genres: ['Animation', "Children's", 'Comedy'],
    });
    // Byte 0xE9 in u.item line 543 is Latin-1 "é".
    expect(byId.get(543)?.title).toBe('Misérables, Les (1995)');
    expect(byId.get(1633)?.title).toBe('Á köldum klaka (Cold Fever) (1994)');
    // Movie 267 is the one row with no title data.
    expect(byId.get(267)).toMatchObject({ title: 'unknown', releaseDate: null, imdbUrl: null, genres: ['unknown'] });
  });

  it('loads the shipped splits that are present, ua/ub holding exactly 10 test ratings per user', () => {
    const splits = loadMovieLensShippedSplits();
    expect(splits.map((split) => split.name)).toEqual(['u1', 'ua', 'ub']);
    const sizes = Object.fromEntries(splits.map((s) => [s.name, [s.train.length, s.test.length]]));
    expect(sizes).toEqual({ u1: [80_000, 20_000], ua: [90_570, 9430], ub: [90_570, 9430] });
    const ua = splits[1];
    const perUser = new Map<number, number>();
    for (const r of ua.test) perUser.set(r.userId, (perUser.get(r.userId) ?? 0) + 1);
    expect(perUser.size).toBe(943);
    expect(new Set(perUser.values())).toEqual(new Set([10]));
  });

  describe('malformed files', () => {
    const temp = makeTempDir();
    afterAll(() => temp.remove());

    it.each([
      ['a rating of 6', '1\t2\t3\t4\n1\t3\t6\t5\n', 2, /rating must be 1..5/],
      ['three fields', '1\t2\t3\n', 1, /found 3 fields/],
      ['a non-numeric id', '1\t2\t3\t4\nx\t2\t3\t4\n', 2, /user id must be an integer, found "x"/],
    ])('rejects ratings with %s, naming the line', (_case, content, line, message) => {
      const path = temp.write('u.data', content);
      expect(() => loadMovieLensRatings(path)).toThrow(DatasetFormatError);
      expect(() => loadMovieLensRatings(path)).toThrow(`${path}:${line}:`);
      expect(() => loadMovieLensRatings(path)).toThrow(message);
    });

    it('rejects an item row with the wrong number of genre flags', () => {
      const path = temp.write('u.item', '1|A (1995)|01-Jan-1995||url|0|1\n2|B (1995)|01-Jan-1995||url|1\n');
      expect(() => loadMovieLensItems(path, ['unknown', 'Action'])).toThrow(`${path}:2: expected 7 fields, found 6`);
    });
  });
});
