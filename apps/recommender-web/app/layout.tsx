import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@matrix/product-ui';
import { RecommenderShell } from '../components/recommender-shell';
import './recommender.css';

export const metadata: Metadata = {
  title: { default: 'Recommender', template: '%s · Recommender' },
  description: 'Recommendations for each user with the reason for every item, similar items, and the models behind them.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <RecommenderShell>{children}</RecommenderShell>
      </body>
    </html>
  );
}
