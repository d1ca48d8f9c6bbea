import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { KnowledgeBaseAdmin } from '../../components/knowledge-base-admin';

export const metadata: Metadata = { title: 'Knowledge base' };

export default function KnowledgeBasePage() {
  return (
    <ProductPage
      title="Knowledge base"
      description="The articles the bot answers from. Each is split into passages and embedded; a changed article is re-embedded when saved."
      suspense
    >
      <KnowledgeBaseAdmin />
    </ProductPage>
  );
}
