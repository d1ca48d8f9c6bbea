import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { AgentConsole } from '../../components/agent-console';

export const metadata: Metadata = { title: 'Agent console' };

export default function AgentPage() {
  return (
    <ProductPage
      title="Agent console"
      description="Conversations the bot handed off, with why, and what the bot understood of each message. Take one over to reply."
    >
      <AgentConsole />
    </ProductPage>
  );
}
