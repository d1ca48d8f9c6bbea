import { ProductPage } from '@matrix/product-ui';
import { LibraryView } from '../components/library-view';

export default function LibraryPage() {
  return (
    <ProductPage
      title="Library"
      description="Search by tag — parent tags count, so “animal” finds the tabby — and open an image to see its boxes and review its tags."
      suspense
    >
      <LibraryView />
    </ProductPage>
  );
}
