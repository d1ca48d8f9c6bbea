import { ProductPage } from '@matrix/product-ui';
import { AnalyzeForm } from '../components/analyze-form';
import { RecentAnalyses } from '../components/recent-analyses';

export default function AnalyzePage() {
  return (
    <ProductPage
      title="Analyze a text"
      description="Overall label, score (−1 … +1) and magnitude, with every sentence highlighted by its own sentiment. Long texts are split into sentences, never truncated."
    >
      <AnalyzeForm />
      <RecentAnalyses />
    </ProductPage>
  );
}
