import { renderToStaticMarkup } from 'react-dom/server';
import { productMetadata, type ProductIdentity } from './product-identity';
import { ProductLayout } from './product-layout';

// The route Next's router would report: the shell marks its section as the current page.
jest.mock('next/navigation', () => ({ usePathname: () => '/history/abc' }));

const product: ProductIdentity = {
  name: 'Sentiment Analyzer',
  tagline: 'reviews · tickets · posts',
  description: 'Score reviews.',
  nav: [
    { href: '/', label: 'Analyze' },
    { href: '/history', label: 'History' },
  ],
  footer: 'Scores come from the sentiment API.',
};

describe('ProductLayout', () => {
  it("renders the document with the product's brand, navigation (current route marked) and footer around the page", () => {
    const html = renderToStaticMarkup(
      <ProductLayout product={product}>
        <p>page</p>
      </ProductLayout>,
    );
    expect(html).toMatch(/^<html lang="en"><head><\/head><body><div class="mx-shell">/);
    expect(html).toContain('Sentiment Analyzer<span class="mx-shell__tagline">reviews · tickets · posts</span>');
    expect(html).toContain('<a class="mx-shell__link" aria-current="page" href="/history">History</a>');
    expect(html).toContain('<main id="mx-main" class="mx-shell__main"><p>page</p></main>');
    expect(html).toContain('<footer class="mx-shell__footer"><div><span>Scores come from the sentiment API.</span></div></footer>');
  });
});

describe('productMetadata', () => {
  it('titles pages "<page> · <product>" and the home page with the product name', () => {
    expect(productMetadata(product)).toEqual({
      title: { default: 'Sentiment Analyzer', template: '%s · Sentiment Analyzer' },
      description: 'Score reviews.',
    });
  });
});
