'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { ImageView, ReviewResult, TagView } from '@matrix/image-tagger-contract';
import { apiFetch, Badge, Card, ErrorBanner, RequireRole, useApiQuery } from '@matrix/product-ui';
import { percent, SOURCE_LABELS } from '../lib/tag-display';
import { BoxOverlay } from './box-overlay';

/** One image: the photo with its boxes, every tag (shown and hidden) to confirm or reject, manual tags. */
export function ImageDetail({ id }: { id: string }) {
  const image = useApiQuery<ImageView>(`/api/images/${encodeURIComponent(id)}?tags=all`);
  const [error, setError] = useState<unknown>(null);
  const [manual, setManual] = useState('');
  const [tuned, setTuned] = useState<string | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      image.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const review = (tag: TagView, status: TagView['status']) =>
    act(async () => {
      const result = await apiFetch<ReviewResult>(`/api/images/${encodeURIComponent(id)}/tags/${encodeURIComponent(tag.id)}`, {
        method: 'PATCH',
        json: { status },
      });
      const threshold = result.thresholds.find((t) => t.tag === tag.name);
      setTuned(
        threshold
          ? `Threshold of “${tag.name}” tuned to ${percent(threshold.threshold)} from ${threshold.confirmed} confirmed and ${threshold.rejected} rejected.`
          : null,
      );
    });

  const data = image.data;
  return (
    <>
      <p>
        <Link href="/">← Library</Link>
      </p>
      <ErrorBanner error={image.error ?? error} onDismiss={() => setError(null)} />
      {tuned ? (
        <p role="status" className="it-note">
          {tuned}
        </p>
      ) : null}
      {data ? (
        <div className="it-detail">
          <Card title={data.filename ?? data.id}>
            <BoxOverlay image={data} src={data.urls.original} alt={data.filename ?? 'image'} />
            <p className="mx-muted">
              {data.width}×{data.height} {data.format.toUpperCase()} · {Math.round(data.bytes / 1024)} KiB{data.collection ? ` · ${data.collection}` : ''} ·
              classifier {data.models.classifier ? `${data.models.classifier.model}@${data.models.classifier.version}` : '—'}
              {data.stale ? ' (an older version: re-tag it from Jobs)' : ''}
            </p>
          </Card>
          <Card title="Tags">
            <table className="it-tags">
              <thead>
                <tr>
                  <th scope="col">Tag</th>
                  <th scope="col">Source</th>
                  <th scope="col">Confidence</th>
                  <th scope="col">Status</th>
                  <th scope="col">Review</th>
                </tr>
              </thead>
              <tbody>
                {data.tags.map((tag) => (
                  <tr key={tag.id} className={tag.visible ? undefined : 'it-tags__hidden'} data-tag={tag.name}>
                    <th scope="row">
                      {tag.name}
                      {tag.source === 'detector' && tag.count ? ` ×${tag.count}` : ''}
                    </th>
                    <td>{SOURCE_LABELS[tag.source]}</td>
                    <td>
                      {percent(tag.confidence)} <span className="mx-muted">/ {percent(tag.threshold)}</span>
                    </td>
                    <td>
                      <Badge tone={tag.status === 'confirmed' ? 'positive' : tag.status === 'rejected' ? 'negative' : tag.visible ? 'accent' : 'neutral'}>
                        {tag.status === 'suggested' ? (tag.visible ? 'shown' : 'hidden') : tag.status}
                      </Badge>
                    </td>
                    <td className="it-tags__actions">
                      <RequireRole role="analyst">
                        {tag.source === 'manual' ? (
                          <button
                            type="button"
                            className="mx-button mx-button--small mx-button--secondary"
                            onClick={() => act(() => apiFetch(`/api/images/${id}/tags/${tag.id}`, { method: 'DELETE' }))}
                          >
                            Remove
                          </button>
                        ) : (
                          <>
                            <button
                              type="button"
                              className="mx-button mx-button--small"
                              aria-label={`Confirm ${tag.name}`}
                              disabled={tag.status === 'confirmed'}
                              onClick={() => review(tag, 'confirmed')}
                            >
                              ✓
                            </button>
                            <button
                              type="button"
                              className="mx-button mx-button--small mx-button--secondary"
                              aria-label={`Reject ${tag.name}`}
                              disabled={tag.status === 'rejected'}
                              onClick={() => review(tag, 'rejected')}
                            >
                              ✕
                            </button>
                          </>
                        )}
                      </RequireRole>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {/* Tagging is an analyst's work (the API refuses others: 403). */}
            <RequireRole role="analyst">
              <form
                className="mx-row it-manual"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (!manual.trim()) return;
                  void act(async () => {
                    await apiFetch(`/api/images/${id}/tags`, { method: 'POST', json: { name: manual } });
                    setManual('');
                  });
                }}
              >
                <label className="mx-field">
                  <span className="mx-label">Add a tag</span>
                  <input
                    className="mx-input"
                    value={manual}
                    onChange={(event) => setManual(event.target.value)}
                    placeholder="e.g. summer 2024"
                    maxLength={100}
                  />
                </label>
                <button type="submit" className="mx-button">
                  Add
                </button>
              </form>
            </RequireRole>
          </Card>
        </div>
      ) : null}
    </>
  );
}
