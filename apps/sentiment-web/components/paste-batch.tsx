'use client';
import { useState, type FormEvent } from 'react';
import { apiFetch, Card, DataTable, ErrorBanner, RequireRole } from '@matrix/product-ui';
import type { Analysis, BatchResponse } from '../lib/api-types';
import { linesToTexts } from '../lib/csv-columns';
import { formatScore } from '../lib/labels';
import { LabelBadge } from './label-badge';

/** The batch route's bound (413 past it); more rows go through a CSV upload. */
const MAX_BATCH = 100;

const COLUMNS = [
  { key: 'text', header: 'Text', render: (row: Analysis) => row.text },
  { key: 'label', header: 'Label', width: '120px', render: (row: Analysis) => <LabelBadge label={row.label} /> },
  { key: 'score', header: 'Score', numeric: true, width: '90px', render: (row: Analysis) => formatScore(row.score) },
  { key: 'magnitude', header: 'Magnitude', numeric: true, width: '110px', render: (row: Analysis) => row.magnitude.toFixed(2) },
];

/** Paste up to 100 lines, one text each, and score them in one request. */
export function PasteBatch() {
  const [pasted, setPasted] = useState('');
  const [results, setResults] = useState<Analysis[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const texts = linesToTexts(pasted);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await apiFetch<BatchResponse>('/api/analyze/batch', { method: 'POST', json: { texts, source: 'batch' } });
      setResults(response.results);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Paste lines">
      <form className="mx-stack" onSubmit={submit} aria-label="Analyze pasted lines">
        <div className="mx-field">
          <label htmlFor="batch-lines">Texts, one per line</label>
          <textarea
            id="batch-lines"
            className="mx-textarea"
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
            placeholder={'Great service, will come back.\nThe app keeps crashing.'}
            rows={6}
          />
        </div>
        <div className="mx-row" style={{ justifyContent: 'space-between' }}>
          <span className={texts.length > MAX_BATCH ? 'sentiment-over-limit' : 'mx-muted'}>
            {texts.length} line{texts.length === 1 ? '' : 's'} (at most {MAX_BATCH}; upload a CSV for more)
          </span>
          <RequireRole role="analyst" fallback={<span className="mx-muted">Running analyses needs the analyst role.</span>}>
            <button type="submit" className="mx-button" disabled={busy || texts.length === 0}>
              {busy ? 'Analyzing…' : 'Analyze lines'}
            </button>
          </RequireRole>
        </div>
      </form>
      <ErrorBanner error={error} title="The lines could not be analyzed" onDismiss={() => setError(null)} />
      {results ? (
        <div style={{ marginTop: 16 }}>
          <DataTable caption={`Batch results (${results.length})`} columns={COLUMNS} rows={results} rowKey={(row) => row.id} />
        </div>
      ) : null}
    </Card>
  );
}
