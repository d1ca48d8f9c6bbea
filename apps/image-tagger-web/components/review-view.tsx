'use client';
import { useState } from 'react';
import type { ImageView, Page, ReviewResult, ThresholdList } from '@matrix/image-tagger-contract';
import { apiFetch, Card, ErrorBanner, Pagination, RequireRole, useApiQuery, withQuery } from '@matrix/product-ui';
import { percent, SOURCE_LABELS } from '../lib/tag-display';

const PAGE_SIZE = 12;
type Verdict = 'confirmed' | 'rejected';

/** Confirm or reject the shown, unreviewed tags of many images at once; thresholds learn from it. */
export function ReviewView() {
  const [page, setPage] = useState(1);
  const images = useApiQuery<Page<ImageView>>(withQuery('/api/images', { needsReview: true, page, pageSize: PAGE_SIZE }));
  const thresholds = useApiQuery<ThresholdList>('/api/thresholds');
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  const [saved, setSaved] = useState<ReviewResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [global, setGlobal] = useState('');

  const toggle = (tagId: string, verdict: Verdict) =>
    setVerdicts((v) => (v[tagId] === verdict ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== tagId)) : { ...v, [tagId]: verdict }));
  const save = async () => {
    setError(null);
    try {
      const result = await apiFetch<ReviewResult>('/api/reviews', {
        method: 'POST',
        json: { items: Object.entries(verdicts).map(([tagId, status]) => ({ tagId, status })) },
      });
      setSaved(result);
      setVerdicts({});
      images.reload();
      thresholds.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const saveGlobal = async () => {
    setError(null);
    try {
      await apiFetch('/api/thresholds/global', { method: 'PUT', json: { threshold: Number(global) / 100 } });
      setGlobal('');
      thresholds.reload();
      images.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  const pending = Object.keys(verdicts).length;
  return (
    <>
      <ErrorBanner error={error ?? images.error} onDismiss={() => setError(null)} />
      {saved ? (
        <p role="status" className="it-note">
          Saved {saved.reviewed} review{saved.reviewed === 1 ? '' : 's'}.{' '}
          {saved.thresholds.map((t) => `“${t.tag}” now needs ${percent(t.threshold)}`).join('; ')}
        </p>
      ) : null}
      <Card title={images.data ? `${images.data.total} image${images.data.total === 1 ? '' : 's'} with tags to review` : 'Tags to review'}>
        <div className="mx-row">
          {/* Reviews are an analyst's work (the API refuses others: 403). */}
          <RequireRole role="analyst">
            <button type="button" className="mx-button" disabled={!pending} onClick={() => void save()}>
              Save {pending || ''} review{pending === 1 ? '' : 's'}
            </button>
          </RequireRole>
          <span className="mx-muted">✓ confirms a tag, ✕ rejects it; each tag’s threshold is tuned from what people said.</span>
        </div>
        <ul className="it-review" aria-label="Images to review">
          {images.data?.items.map((image) => (
            <li key={image.id} className="it-review__item">
              {/* eslint-disable-next-line @next/next/no-img-element -- thumbnail from the API */}
              <img src={image.urls.thumbnail} alt={image.filename ?? 'image'} className="it-outcome__thumb" />
              <div className="it-chips">
                {image.tags
                  .filter((t) => t.status === 'suggested' && t.source !== 'parent')
                  .map((tag) => (
                    <span key={tag.id} className={`it-chip it-chip--${tag.source} it-chip--${verdicts[tag.id] ?? 'open'}`}>
                      {tag.name} <span className="it-chip__score">{percent(tag.confidence)}</span>
                      <span className="mx-visually-hidden"> ({SOURCE_LABELS[tag.source]})</span>
                      <button
                        type="button"
                        aria-pressed={verdicts[tag.id] === 'confirmed'}
                        aria-label={`Confirm ${tag.name} on ${image.filename}`}
                        onClick={() => toggle(tag.id, 'confirmed')}
                      >
                        ✓
                      </button>
                      <button
                        type="button"
                        aria-pressed={verdicts[tag.id] === 'rejected'}
                        aria-label={`Reject ${tag.name} on ${image.filename}`}
                        onClick={() => toggle(tag.id, 'rejected')}
                      >
                        ✕
                      </button>
                    </span>
                  ))}
              </div>
            </li>
          ))}
        </ul>
        {images.data ? <Pagination page={page} pageSize={PAGE_SIZE} total={images.data.total} onPageChange={setPage} /> : null}
      </Card>
      <Card title="Thresholds">
        {thresholds.data ? (
          <>
            {/* Thresholds are an admin setting (the API refuses others: 403). */}
            <RequireRole role="admin">
              <form
                className="mx-row"
                onSubmit={(event) => {
                  event.preventDefault();
                  void saveGlobal();
                }}
              >
                <label className="mx-field">
                  <span className="mx-label">Global threshold (now {percent(thresholds.data.global.threshold)})</span>
                  <input
                    className="mx-input"
                    type="number"
                    min={0}
                    max={100}
                    step={1}
                    value={global}
                    onChange={(e) => setGlobal(e.target.value)}
                    placeholder="percent"
                  />
                </label>
                <button type="submit" className="mx-button mx-button--secondary" disabled={global === ''}>
                  Set
                </button>
              </form>
            </RequireRole>
            <table className="it-tags">
              <thead>
                <tr>
                  <th scope="col">Tag</th>
                  <th scope="col">Threshold</th>
                  <th scope="col">Set by</th>
                  <th scope="col">Reviews (✓ / ✕)</th>
                </tr>
              </thead>
              <tbody>
                {thresholds.data.tags.map((t) => (
                  <tr key={t.tag}>
                    <th scope="row">{t.tag}</th>
                    <td>{percent(t.threshold)}</td>
                    <td>{t.origin === 'tuned' ? 'tuned from reviews' : 'hand'}</td>
                    <td>
                      {t.confirmed} / {t.rejected}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </Card>
    </>
  );
}
