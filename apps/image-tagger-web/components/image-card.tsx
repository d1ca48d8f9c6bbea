import Link from 'next/link';
import type { ImageView } from '@matrix/image-tagger-contract';
import { TagChip } from './tag-chip';

const CHIPS = 6;

/** A grid cell: thumbnail, file name and the best visible tags. */
export function ImageCard({ image }: { image: ImageView }) {
  const shown = image.tags.filter((t) => t.visible).slice(0, CHIPS);
  return (
    <li className="it-card">
      <Link href={`/images/${image.id}`} className="it-card__link">
        {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails are already small JPEGs from the API */}
        <img className="it-card__thumb" src={image.urls.thumbnail} alt={image.filename ?? 'image'} loading="lazy" />
        <span className="it-card__name">{image.filename ?? image.id}</span>
      </Link>
      <div className="it-chips" aria-label={`Tags of ${image.filename ?? 'image'}`}>
        {shown.map((tag) => (
          <TagChip key={tag.id} tag={tag} />
        ))}
        {image.tags.length > shown.length ? <span className="mx-muted it-more">+{image.tags.length - shown.length}</span> : null}
        {image.stale ? <span className="it-chip it-chip--stale">older model</span> : null}
      </div>
    </li>
  );
}
