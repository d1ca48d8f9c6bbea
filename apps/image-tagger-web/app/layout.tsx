import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@matrix/product-ui';
import { TaggerShell } from '../components/tagger-shell';
import './tagger.css';

export const metadata: Metadata = {
  title: { default: 'Image Tagger', template: '%s · Image Tagger' },
  description: 'Tag photo libraries and catalogues: classes with parent tags, objects with boxes, your own vocabularies; search by tag.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TaggerShell>{children}</TaggerShell>
      </body>
    </html>
  );
}
