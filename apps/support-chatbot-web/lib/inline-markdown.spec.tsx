import { isValidElement } from 'react';
import { inlineMarkdown } from './inline-markdown';

describe('inlineMarkdown', () => {
  it('turns **bold** into strong elements and keeps the rest as text', () => {
    const parts = inlineMarkdown('Go to **Cards → Activate** now.\n- step');
    const strong = parts.filter((p) => isValidElement(p) && p.type === 'strong');
    expect(strong).toHaveLength(1);
    expect((strong[0] as { props: { children: string } }).props.children).toBe('Cards → Activate');
    expect(parts).toHaveLength(3);
  });

  it('leaves unmatched asterisks alone', () => {
    expect(inlineMarkdown('a ** b')).toHaveLength(1);
  });
});
