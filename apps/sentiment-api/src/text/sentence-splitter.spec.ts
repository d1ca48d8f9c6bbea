import { splitSentences } from './sentence-splitter';

/** The sentence texts only (offsets are checked separately, against the original). */
const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('returns offsets into the original text, worked out by hand', () => {
    // "I loved it. " is 12 characters: the second sentence starts at 12 and ends at 33.
    expect(splitSentences('I loved it. The ending was awful!')).toEqual([
      { text: 'I loved it.', start: 0, end: 11 },
      { text: 'The ending was awful!', start: 12, end: 33 },
    ]);
    // Leading and inner whitespace are outside every sentence.
    expect(splitSentences('  Great.\n\n  Bad?  ')).toEqual([
      { text: 'Great.', start: 2, end: 8 },
      { text: 'Bad?', start: 12, end: 16 },
    ]);
  });

  it('keeps every sentence equal to the slice its offsets name, and covers all non-blank text', () => {
    const source = 'Dr. Smith paid $4.99 for it... What a deal! "Never again," she said. Then:\n- pros: cheap\n- cons: none 😀';
    const sentences = splitSentences(source);
    for (const s of sentences) expect(source.slice(s.start, s.end)).toBe(s.text);
    expect(
      sentences
        .map((s) => s.text)
        .join('')
        .replace(/\s/g, ''),
    ).toBe(source.replace(/\s/g, ''));
  });

  it('does not split after titles, initials, e.g./i.e., or inside decimals, versions, URLs and e-mails', () => {
    expect(texts('Mr. and Mrs. Smith met Dr. Jones at St. Mary’s. It went well.')).toEqual([
      'Mr. and Mrs. Smith met Dr. Jones at St. Mary’s.',
      'It went well.',
    ]);
    expect(texts('J. K. Rowling wrote it. I liked it.')).toEqual(['J. K. Rowling wrote it.', 'I liked it.']);
    expect(texts('Bring fruit, e.g. Apples or pears. Thanks.')).toEqual(['Bring fruit, e.g. Apples or pears.', 'Thanks.']);
    expect(texts('It costs 3.5 dollars on v1.2.3 at shop.example.com or a@b.co today. Fine.')).toEqual([
      'It costs 3.5 dollars on v1.2.3 at shop.example.com or a@b.co today.',
      'Fine.',
    ]);
  });

  it('splits after an abbreviation that ends the sentence only when a capital follows', () => {
    expect(texts('We sell apples, pears, etc. The shop opens at 9 a.m. tomorrow.')).toEqual([
      'We sell apples, pears, etc.',
      'The shop opens at 9 a.m. tomorrow.',
    ]);
    expect(texts('Made in the U.S. It broke.')).toEqual(['Made in the U.S.', 'It broke.']);
  });

  it('handles quotes and brackets around the end of a sentence', () => {
    expect(texts('She said "I love it." Then she left.')).toEqual(['She said "I love it."', 'Then she left.']);
    expect(texts('"Stop!" he shouted. Nobody listened.')).toEqual(['"Stop!" he shouted.', 'Nobody listened.']);
    expect(texts('It was fine (mostly.) Not great.')).toEqual(['It was fine (mostly.)', 'Not great.']);
  });

  it('treats ellipses as pauses unless a new sentence starts, and ?! runs as one end', () => {
    expect(texts('Well... maybe not. Wait... What?! No way.')).toEqual(['Well... maybe not.', 'Wait...', 'What?!', 'No way.']);
    expect(texts('Hmm… it works. OK')).toEqual(['Hmm… it works.', 'OK']);
  });

  it('splits on blank lines and on line breaks, but joins hard-wrapped lines', () => {
    expect(texts('Title without a full stop\nThe body starts here.\n\nnew paragraph in lower case')).toEqual([
      'Title without a full stop',
      'The body starts here.',
      'new paragraph in lower case',
    ]);
    expect(texts('This sentence was wrapped\nby an e-mail client.')).toEqual(['This sentence was wrapped\nby an e-mail client.']);
    expect(texts('Pros:\r\n1. Cheap\r\n2. Fast')).toEqual(['Pros:', '1. Cheap', '2. Fast']);
  });

  it('splits CJK text at its full-width marks, which take no space after them', () => {
    expect(splitSentences('我很喜欢。服务很好！')).toEqual([
      { text: '我很喜欢。', start: 0, end: 5 },
      { text: '服务很好！', start: 5, end: 10 },
    ]);
  });

  it('merges pieces without letters or digits into a neighbour instead of scoring them alone', () => {
    expect(texts('Great film.\n---\nAwful sound.')).toEqual(['Great film.\n---', 'Awful sound.']);
    expect(texts('!!!\nLoved it')).toEqual(['!!!\nLoved it']);
    expect(texts('!!!')).toEqual(['!!!']);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t ')).toEqual([]);
  });

  it('splits an over-long run-on sentence at clause marks or spaces, never dropping a character', () => {
    const clause = 'and it goes on, ';
    const runOn = clause.repeat(200).trim(); // 3199 characters, no full stop
    const parts = splitSentences(runOn, { maxSentenceChars: 500 });
    expect(parts.length).toBeGreaterThanOrEqual(7);
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(500);
      expect(runOn.slice(part.start, part.end)).toBe(part.text);
    }
    expect(parts.map((p) => p.text).join(' ')).toBe(runOn);
    // Without any space to cut at, it cuts at the limit.
    const word = 'x'.repeat(1200);
    expect(splitSentences(word, { maxSentenceChars: 500 }).map((p) => [p.start, p.end])).toEqual([
      [0, 500],
      [500, 1000],
      [1000, 1200],
    ]);
  });

  it('splits a 20,000-character review into its sentences, none lost', () => {
    const review = Array.from({ length: 690 }, (_, i) => `Sentence number ${i + 1} is here.`).join(' ');
    expect(review.length).toBeGreaterThan(19_900);
    const sentences = splitSentences(review);
    expect(sentences).toHaveLength(690);
    expect(sentences[689]).toEqual({ text: 'Sentence number 690 is here.', start: review.length - 28, end: review.length });
  });
});
