import type { ReactNode } from 'react';
import { ProductLayout, productMetadata, type ProductIdentity } from '@matrix/product-ui';
import './tagger.css';

const PRODUCT: ProductIdentity = {
  name: 'Image Tagger',
  tagline: 'photo libraries · catalogues',
  description: 'Tag photo libraries and catalogues: classes with parent tags, objects with boxes, your own vocabularies; search by tag.',
  nav: [
    { href: '/', label: 'Library' },
    { href: '/upload', label: 'Upload' },
    { href: '/review', label: 'Review' },
    { href: '/jobs', label: 'Jobs' },
    { href: '/access', label: 'Access', role: 'admin' },
    { href: '/audit', label: 'Audit log', role: 'admin' },
  ],
  footer:
    'Tags come from the image tagger API through the shared inference gateway: ImageNet classes with WordNet parents, COCO objects, zero-shot vocabularies with CLIP.',
};

export const metadata = productMetadata(PRODUCT);

export default function RootLayout({ children }: { children: ReactNode }) {
  return <ProductLayout product={PRODUCT}>{children}</ProductLayout>;
}
