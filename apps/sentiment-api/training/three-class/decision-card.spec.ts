import { replaceDecisionSection } from './decision-card';

describe('replaceDecisionSection', () => {
  const section = '## Served decision\n\nnew\n';
  it('appends the section to a card without one', () => {
    expect(replaceDecisionSection('# card\n\n## Limits\n- a\n', section)).toBe('# card\n\n## Limits\n- a\n\n## Served decision\n\nnew\n');
  });
  it('replaces an existing section and keeps what follows it', () => {
    const card = '# card\n\n## Served decision\n\nold\n\n## Limits\n- a\n';
    expect(replaceDecisionSection(card, section)).toBe('# card\n\n## Served decision\n\nnew\n\n## Limits\n- a\n');
  });
});
