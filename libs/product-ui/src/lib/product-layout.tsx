import type { ReactNode } from 'react';
import type { ProductIdentity } from './product-identity';
import { ProductShell } from './product-shell';

/** A product web's root layout (app/layout.tsx renders it): the document and the product's shell. */
export function ProductLayout({ product, children }: { product: ProductIdentity; children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ProductShell product={product}>{children}</ProductShell>
      </body>
    </html>
  );
}
