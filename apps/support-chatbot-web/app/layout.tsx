import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@matrix/product-ui';
import { ChatbotShell } from '../components/chatbot-shell';
import './chatbot.css';

export const metadata: Metadata = {
  title: { default: 'Support Chatbot', template: '%s · Support Chatbot' },
  description: 'Customer support chat with cited answers from the knowledge base, human handoff, agent console and analytics.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ChatbotShell>{children}</ChatbotShell>
      </body>
    </html>
  );
}
