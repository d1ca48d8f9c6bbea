import type { Metadata } from 'next';
import { ProductPage } from '@matrix/product-ui';
import { UploadPanel } from '../../components/upload-panel';

export const metadata: Metadata = { title: 'Upload' };

export default function UploadPage() {
  return (
    <ProductPage
      title="Upload"
      description="Add one image or hundreds: each is checked, stored with a thumbnail and tagged; a photo already in the library is recognised by its bytes."
    >
      <UploadPanel />
    </ProductPage>
  );
}
