import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@matrix/product-ui';
import { SentimentShell } from '../components/sentiment-shell';
import './sentiment.css';

export const metadata: Metadata = {
  title: { default: 'Sentiment Analyzer', template: '%s · Sentiment Analyzer' },
  description: 'Score reviews, tickets and posts: label, score, magnitude and per-sentence sentiment.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SentimentShell>{children}</SentimentShell>
      </body>
    </html>
  );
}
