import type { ImageView } from '@matrix/image-tagger-contract';
import { boxPercentages, labelColour } from '../lib/box-geometry';
import { percent } from '../lib/tag-display';

/** The photo with the detector's boxes (at the thresholds in force) drawn over it, labelled. */
export function BoxOverlay({ image, src, alt }: { image: ImageView; src: string; alt: string }) {
  const boxes = image.tags
    .filter((t) => t.source === 'detector' && t.visible)
    .flatMap((t) =>
      (t.boxes ?? []).filter((b) => b.score >= t.threshold || t.status === 'confirmed').map((b, i) => ({ key: `${t.id}-${i}`, label: t.name, ...b })),
    );
  return (
    <figure className="it-overlay" aria-label={`${alt} with ${boxes.length} object box${boxes.length === 1 ? '' : 'es'}`}>
      {/* eslint-disable-next-line @next/next/no-img-element -- served by the API through the /api proxy; next/image would re-encode it */}
      <img src={src} alt={alt} width={image.width} height={image.height} />
      {boxes.map((b) => (
        <span
          key={b.key}
          className="it-box"
          data-testid="object-box"
          style={{ ...boxPercentages(b.box, image.width, image.height), borderColor: labelColour(b.label) }}
        >
          <span className="it-box__label" style={{ background: labelColour(b.label) }}>
            {b.label} {percent(b.score)}
          </span>
        </span>
      ))}
    </figure>
  );
}
