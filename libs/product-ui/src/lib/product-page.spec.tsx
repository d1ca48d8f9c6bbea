import { renderToStaticMarkup } from 'react-dom/server';
import { NotFoundPage } from './not-found-page';
import { ProductPage } from './product-page';

describe('ProductPage', () => {
  it('puts the page header above the content', () => {
    const html = renderToStaticMarkup(
      <ProductPage title="Jobs" description="Background work.">
        <p>view</p>
      </ProductPage>,
    );
    expect(html).toBe('<div class="mx-page-header"><div><h1>Jobs</h1><p>Background work.</p></div></div><p>view</p>');
  });

  it('renders the content inside a Suspense boundary when asked to', () => {
    const html = renderToStaticMarkup(
      <ProductPage title="History" suspense fallback={<p>Loading…</p>}>
        <p>view</p>
      </ProductPage>,
    );
    expect(html).toContain('<h1>History</h1>');
    expect(html).toContain('<p>view</p>');
  });
});

describe('NotFoundPage', () => {
  it("says the page does not exist and links to the product's home page", () => {
    const html = renderToStaticMarkup(<NotFoundPage homeLabel="Open the chat" />);
    expect(html).toContain('<h1>Page not found</h1>');
    expect(html).toContain('<a class="mx-button" href="/">Open the chat</a>');
  });
});
