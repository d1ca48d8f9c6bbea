import { Badge } from '@matrix/product-ui';
import type { SentimentLabel } from '../lib/api-types';
import { LABEL_STYLE } from '../lib/labels';

export function LabelBadge({ label }: { label: SentimentLabel }) {
  const style = LABEL_STYLE[label] ?? LABEL_STYLE.NEUTRAL;
  return <Badge tone={style.tone}>{label}</Badge>;
}
