import type { Metadata } from 'next';
import type { NavItem } from './app-shell';

/** What makes a product web its own: the rest of its frame (layout, shell, 404) is shared. */
export interface ProductIdentity {
  name: string;
  tagline?: string;
  /** The page description search engines and link previews show. */
  description: string;
  nav: NavItem[];
  /** One sentence under every page: where the answers come from. */
  footer: string;
  /**
   * Pages anyone may open without signing in (besides /sign-in), e.g. the chatbot's visitor chat '/'.
   * Keep in step with the `publicPages` of the web's proxy.ts (productWebProxy), which enforces it.
   */
  publicPages?: string[];
}

/** The root layout's metadata: the product's name as the default title and as every page title's suffix. */
export function productMetadata(product: ProductIdentity): Metadata {
  return {
    title: { default: product.name, template: `%s · ${product.name}` },
    description: product.description,
  };
}
