import { chunkMarkdown, passageForEmbedding } from './chunking';

describe('chunkMarkdown', () => {
  it('keeps each section under its heading and never splits a short paragraph', () => {
    const chunks = chunkMarkdown(
      'Intro line one.\nline two.\n\n## Fees\n\nNo fee for the first card.\n\n- list item\n- second item\n\n## Time\n\nUsually 3–5 working days.',
    );
    expect(chunks).toEqual([
      { position: 0, heading: null, text: 'Intro line one.\nline two.' },
      { position: 1, heading: 'Fees', text: 'No fee for the first card.\n\n- list item\n- second item' },
      { position: 2, heading: 'Time', text: 'Usually 3–5 working days.' },
    ]);
  });

  it('starts a new passage when the next paragraph would pass maxChars', () => {
    const p = (c: string) => c.repeat(30);
    const chunks = chunkMarkdown(`${p('a')}\n\n${p('b')}\n\n${p('c')}`, { maxChars: 70 });
    expect(chunks.map((c) => c.text)).toEqual([`${p('a')}\n\n${p('b')}`, p('c')]);
  });

  it('splits one very long paragraph at sentence ends', () => {
    const sentence = 'This is a sentence of about forty chars. ';
    const chunks = chunkMarkdown(sentence.repeat(10), { maxChars: 100 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.text.length <= 100 && c.text.endsWith('.'))).toBe(true);
  });

  it('gives no passages for an empty body', () => {
    expect(chunkMarkdown('\n\n## Empty\n\n')).toEqual([]);
  });

  it('embeds a passage with its title and heading', () => {
    expect(passageForEmbedding('Card delivery', { heading: 'Time', text: '3 days.' })).toBe('Card delivery — Time: 3 days.');
    expect(passageForEmbedding('Card delivery', { heading: null, text: '3 days.' })).toBe('Card delivery: 3 days.');
  });
});
