'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { Capabilities, FileOutcome, TagFeature, UploadResult, VocabularyView } from '@matrix/image-tagger-contract';
import { Badge, Card, ErrorBanner, FileDropZone, ProgressBar, useApiQuery, withQuery } from '@matrix/product-ui';
import { batchFiles, mergeResults, uploadBatch } from '../lib/upload-batches';
import { TagChip } from './tag-chip';
import { VocabularyCard } from './vocabulary-card';

/** The API's per-file limit (IMAGE_TAGGER_MAX_FILE_MB default); the API checks it again. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Choose many images, pick what to tag, upload them batch by batch with a progress bar, see each outcome. */
export function UploadPanel() {
  const capabilities = useApiQuery<Capabilities>('/api/capabilities');
  const vocabularies = useApiQuery<{ items: VocabularyView[] }>('/api/vocabularies');
  const [files, setFiles] = useState<File[]>([]);
  const [features, setFeatures] = useState<Record<TagFeature, boolean>>({ classify: true, detect: true, 'zero-shot': false });
  const [vocabulary, setVocabulary] = useState('');
  const [collection, setCollection] = useState('');
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [result, setResult] = useState<UploadResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);

  const start = async () => {
    setError(null);
    setResult(null);
    setUploading(true);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    let before = 0;
    const results: UploadResult[] = [];
    try {
      const chosen = (Object.keys(features) as TagFeature[]).filter((f) => features[f]);
      const url = withQuery('/api/images', {
        features: chosen.join(','),
        vocabulary: features['zero-shot'] ? vocabulary : undefined,
        collection: collection.trim() || undefined,
      });
      for (const batch of batchFiles(files)) {
        setProgress({ sent: before, total });
        results.push(await uploadBatch(url, batch, (sent) => setProgress({ sent: before + sent, total })));
        before += batch.reduce((sum, f) => sum + f.size, 0);
        setResult(mergeResults(results));
      }
      setProgress({ sent: total, total });
      setFiles([]);
    } catch (caught) {
      setError(caught);
    } finally {
      setUploading(false);
    }
  };

  const zeroShot = capabilities.data?.zeroShot;
  return (
    <>
      <Card title="Upload images">
        <FileDropZone
          label="Images"
          accept="image/jpeg,image/png,image/webp,image/gif,image/tiff"
          multiple
          maxBytes={MAX_FILE_BYTES}
          hint="JPEG, PNG, WebP, GIF or TIFF, up to 20 MiB each; checked by their bytes"
          disabled={uploading}
          onFiles={(chosen) => {
            setFiles(chosen);
            setResult(null);
            setProgress(null);
          }}
          onReject={(message) => setError(new Error(message))}
        />
        <fieldset className="it-features">
          <legend className="mx-label">Tag with</legend>
          <label className="mx-checkbox">
            <input type="checkbox" checked={features.classify} onChange={(e) => setFeatures({ ...features, classify: e.target.checked })} /> Classes and WordNet
            parents (MobileNetV2, ImageNet)
          </label>
          <label className="mx-checkbox">
            <input type="checkbox" checked={features.detect} onChange={(e) => setFeatures({ ...features, detect: e.target.checked })} /> Objects with boxes
            (COCO detector, ~1 s per image)
          </label>
          <label className="mx-checkbox">
            <input
              type="checkbox"
              checked={features['zero-shot']}
              disabled={!zeroShot?.available}
              onChange={(e) => setFeatures({ ...features, 'zero-shot': e.target.checked })}
            />{' '}
            My vocabulary (zero-shot, CLIP)
          </label>
          {zeroShot && !zeroShot.available ? <p className="mx-muted it-note">Zero-shot is off: {zeroShot.reason}</p> : null}
          {features['zero-shot'] ? (
            <label className="mx-field">
              <span className="mx-label">Vocabulary</span>
              <select className="mx-select" value={vocabulary} onChange={(e) => setVocabulary(e.target.value)}>
                <option value="">Choose…</option>
                {vocabularies.data?.items.map((v) => (
                  <option key={v.id} value={v.name}>
                    {v.name} ({v.labels.length} labels)
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </fieldset>
        <div className="mx-row">
          <label className="mx-field">
            <span className="mx-label">Collection (optional)</span>
            <input className="mx-input" value={collection} maxLength={100} onChange={(e) => setCollection(e.target.value)} placeholder="e.g. Holidays 2024" />
          </label>
          <button
            type="button"
            className="mx-button"
            disabled={uploading || files.length === 0 || !Object.values(features).some(Boolean)}
            onClick={() => void start()}
          >
            {uploading ? 'Uploading…' : `Upload ${files.length || ''} image${files.length === 1 ? '' : 's'}`}
          </button>
        </div>
        {progress ? (
          <ProgressBar
            label="Upload and tagging"
            value={progress.sent}
            max={Math.max(progress.total, 1)}
            status={uploading ? 'active' : error ? 'failed' : 'done'}
            valueText={uploading ? undefined : 'done'}
          />
        ) : null}
      </Card>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {result ? (
        <Card title={`${result.created} new, ${result.duplicates} already in the library, ${result.rejected} refused`}>
          <ul className="it-outcomes" aria-label="Uploaded files">
            {result.files.map((file, i) => (
              <Outcome key={`${file.filename}-${i}`} file={file} />
            ))}
          </ul>
        </Card>
      ) : null}
      <VocabularyCard vocabularies={vocabularies.data?.items ?? []} onChange={vocabularies.reload} />
    </>
  );
}

function Outcome({ file }: { file: FileOutcome }) {
  if (file.status === 'rejected') {
    return (
      <li className="it-outcome">
        <Badge tone="negative">refused</Badge> <strong>{file.filename}</strong>: {file.error.message}
      </li>
    );
  }
  return (
    <li className="it-outcome">
      {/* eslint-disable-next-line @next/next/no-img-element -- thumbnail from the API */}
      <img src={file.image.urls.thumbnail} alt={file.filename ?? 'image'} className="it-outcome__thumb" />
      <div>
        <Badge tone={file.status === 'created' ? 'positive' : 'warning'}>{file.status === 'created' ? 'new' : 'duplicate'}</Badge>{' '}
        <Link href={`/images/${file.image.id}`}>{file.filename}</Link>
        <div className="it-chips">
          {file.image.tags
            .filter((t) => t.visible)
            .slice(0, 8)
            .map((tag) => (
              <TagChip key={tag.id} tag={tag} />
            ))}
        </div>
      </div>
    </li>
  );
}
