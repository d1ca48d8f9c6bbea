import { articleInputSchema } from './article-input';
import { parseCsvArticles, parseJsonArticles, parseMarkdownArticles, validateImportRows } from './import-parsers';

describe('knowledge-base import parsers', () => {
  it('Markdown: one article per level-1 heading, with metadata comments', () => {
    const rows = parseMarkdownArticles(
      '# Card delivery\n<!-- intent: card_arrival -->\n<!-- category: Cards -->\n\nCards arrive in 3–5 days.\n\n## Tracking\n\nSee the app.\n\n# Fees\n\nNo fees.',
    );
    expect(rows.map((r) => r.value)).toEqual([
      { title: 'Card delivery', body: 'Cards arrive in 3–5 days.\n\n## Tracking\n\nSee the app.', intent: 'card_arrival', category: 'Cards' },
      { title: 'Fees', body: 'No fees.' },
    ]);
  });

  it('Markdown without a level-1 heading: the first line is the title', () => {
    expect(parseMarkdownArticles('Opening hours\n\nWe are open 24/7.').map((r) => r.value)).toEqual([{ title: 'Opening hours', body: 'We are open 24/7.' }]);
  });

  it('Markdown: a # inside a code fence does not start an article', () => {
    const rows = parseMarkdownArticles('# API\n\n```\n# not a title\n```');
    expect(rows).toHaveLength(1);
  });

  it('CSV: title and body required, quoted line breaks kept', () => {
    const rows = parseCsvArticles('Title,Body,intent\n"Lost card","Freeze it in the app.\nThen order a new one.",lost_or_stolen_card\n');
    expect(rows).toEqual([
      { where: 'CSV row 2', value: { title: 'Lost card', body: 'Freeze it in the app.\nThen order a new one.', intent: 'lost_or_stolen_card' } },
    ]);
    expect(() => parseCsvArticles('name,text\na,b')).toThrow('the CSV header must name the columns title and body (missing: title, body; found: name, text)');
  });

  it('JSON: an array or {articles}', () => {
    expect(parseJsonArticles([{ title: 'a', body: 'b' }])).toHaveLength(1);
    expect(parseJsonArticles({ articles: [{ title: 'a', body: 'b' }] })).toHaveLength(1);
    expect(() => parseJsonArticles({ title: 'a' })).toThrow('a JSON import must be an array of articles');
  });

  it('validation lists every problem with where it is, and imports nothing', () => {
    const rows = parseJsonArticles([
      { title: 'ok', body: 'fine' },
      { title: '', body: 'x' },
      { title: 'y', body: 'z', slug: 'Bad Slug' },
    ]);
    expect(() => validateImportRows(rows, (v) => articleInputSchema.safeParse(v))).toThrow(
      'the import has 2 problems; nothing was imported: article 2: title: title must not be blank; article 3: slug: slug may hold lower-case letters, digits and single dashes (e.g. "card-delivery")',
    );
  });
});
