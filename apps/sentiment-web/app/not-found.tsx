import { NotFoundPage } from '@matrix/product-ui';

export default function NotFound() {
  return <NotFoundPage homeLabel="Analyze a text" />;
}
