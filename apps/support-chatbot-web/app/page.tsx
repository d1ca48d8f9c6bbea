import { ProductPage } from '@matrix/product-ui';
import { ChatWindow } from '../components/chat-window';

export default function ChatPage() {
  return (
    <ProductPage
      title="Chat with support"
      description="Answers come from our help articles, with the source named. Not what you needed? Ask for a human at any time."
    >
      <ChatWindow />
    </ProductPage>
  );
}
