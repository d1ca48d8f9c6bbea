import { Fragment, type ReactNode } from 'react';

/**
 * A knowledge-base passage as chat text: **bold** becomes <strong>, the rest (line breaks, lists,
 * tables) stays as written, which reads fine in a pre-wrapped bubble. No HTML is ever injected.
 */
export function inlineMarkdown(text: string): ReactNode[] {
  return text
    .split(/(\*\*[^*\n]+\*\*)/g)
    .map((part, i) =>
      part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : <Fragment key={i}>{part}</Fragment>,
    );
}
