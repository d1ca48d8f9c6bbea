'use client';
import Link from 'next/link';
import type { Message } from '@matrix/chatbot-contract';
import { useCan } from '@matrix/product-ui';

/**
 * The article an answer came from. Its title links to the knowledge base only for staff (any role in
 * this product): that page is a staff page, so a visitor would land on sign-in. Visitors see the
 * title alone; the answer's passage is already shown above it.
 */
export function Citation({ citation }: { citation: NonNullable<Message['citation']> }) {
  const can = useCan();
  const title = citation.title || 'knowledge-base article';
  return (
    <div className="chat-message__citation" data-testid="citation">
      Source: {can('viewer') ? <Link href={`/knowledge-base?article=${encodeURIComponent(citation.articleId)}`}>{title}</Link> : <cite>{title}</cite>}
    </div>
  );
}
