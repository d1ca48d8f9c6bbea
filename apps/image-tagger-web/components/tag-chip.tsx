import type { TagView } from '@matrix/image-tagger-contract';
import { classNames } from '@matrix/product-ui';
import { chipText, percent, SOURCE_LABELS } from '../lib/tag-display';

/** One tag as a chip: name (and object count), confidence; its source and status as styling and title. */
export function TagChip({ tag }: { tag: TagView }) {
  return (
    <span
      className={classNames('it-chip', `it-chip--${tag.source}`, tag.status !== 'suggested' && `it-chip--${tag.status}`, !tag.visible && 'it-chip--hidden')}
      title={`${SOURCE_LABELS[tag.source]} · ${percent(tag.confidence)} (threshold ${percent(tag.threshold)}) · ${tag.status}${tag.via ? ` · from ${tag.via.join(', ')}` : ''}`}
    >
      {chipText(tag)}
      <span className="it-chip__score">{percent(tag.confidence)}</span>
    </span>
  );
}
