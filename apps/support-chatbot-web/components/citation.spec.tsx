import { renderToStaticMarkup } from 'react-dom/server';
import { SessionProvider, type StaffSession } from '@matrix/product-ui';
import { Citation } from './citation';

const citation = { articleId: 'kb 1', title: 'Activating my card', chunkId: null, similarity: 0.9 };
const staff = (role: StaffSession['role']): StaffSession => ({ user: { id: 'u1', email: 'ana@example.com' }, product: 'support-chatbot', role });

describe('Citation', () => {
  it('names the article for a visitor without linking to the staff-only knowledge base', () => {
    const visitor = renderToStaticMarkup(<Citation citation={citation} />);
    expect(visitor).toContain('Activating my card');
    expect(visitor).not.toContain('<a ');
    // Signed in but without a role here: the knowledge base would refuse them too.
    expect(
      renderToStaticMarkup(
        <SessionProvider initial={staff(null)}>
          <Citation citation={citation} />
        </SessionProvider>,
      ),
    ).not.toContain('<a ');
  });

  it('links staff to the article in the knowledge base', () => {
    const html = renderToStaticMarkup(
      <SessionProvider initial={staff('agent')}>
        <Citation citation={citation} />
      </SessionProvider>,
    );
    expect(html).toContain('href="/knowledge-base?article=kb%201"');
  });
});
