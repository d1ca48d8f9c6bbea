'use client';
import { useState, type FormEvent } from 'react';
import { apiFetch, Card, DataTable, ErrorBanner, RequireRole, StatCard, StatGrid } from '@matrix/product-ui';
import type { Analysis, AspectResult, SentenceResult } from '../lib/api-types';
import { formatScore } from '../lib/labels';
import { HighlightedAspects, HighlightedText, LabelLegend } from './highlighted-text';
import { LabelBadge } from './label-badge';

/** The API's limit (413 beyond it); shown so nobody is surprised. */
const MAX_CHARS = 20_000;

const EXAMPLE =
  'The delivery was fast and the packaging was lovely. Unfortunately the blender broke after two days and support never answered my emails. The replacement works fine.';

export function AnalyzeForm() {
  const [text, setText] = useState('');
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const analyze = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // targets: the aspects the text talks about and the sentiment toward each, shown below the sentences.
      setAnalysis(await apiFetch<Analysis>('/api/analyze', { method: 'POST', json: { text, source: 'web', targets: true } }));
    } catch (caught) {
      // The old result belongs to another text: do not leave it under the error.
      setAnalysis(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const over = text.length > MAX_CHARS;
  return (
    <>
      <Card>
        <form className="mx-stack" onSubmit={analyze} aria-label="Analyze a text">
          <div className="mx-field">
            <label htmlFor="analyze-text">Text to analyze</label>
            <textarea
              id="analyze-text"
              className="mx-textarea"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder="Paste a review, a support ticket or a post…"
              rows={7}
            />
          </div>
          <div className="mx-row" style={{ justifyContent: 'space-between' }}>
            <span className={over ? 'sentiment-over-limit' : 'mx-muted'} aria-live="polite">
              {text.length.toLocaleString()} / {MAX_CHARS.toLocaleString()} characters{over ? ' — too long for one analysis; split it or use Batch' : ''}
            </span>
            <div className="mx-row">
              <button type="button" className="mx-button mx-button--secondary" onClick={() => setText(EXAMPLE)}>
                Try an example
              </button>
              <RequireRole role="analyst" fallback={<span className="mx-muted">Running analyses needs the analyst role.</span>}>
                <button type="submit" className="mx-button" disabled={busy || text.trim().length === 0}>
                  {busy ? 'Analyzing…' : 'Analyze'}
                </button>
              </RequireRole>
            </div>
          </div>
        </form>
      </Card>
      <ErrorBanner error={error} title="The text could not be analyzed" onDismiss={() => setError(null)} />
      {analysis ? <AnalysisResult analysis={analysis} /> : null}
    </>
  );
}

const SENTENCE_COLUMNS = [
  { key: 'index', header: '#', width: '48px', render: (row: SentenceResult & { index: number }) => row.index + 1 },
  { key: 'text', header: 'Sentence' },
  { key: 'label', header: 'Label', width: '120px', render: (row: SentenceResult) => <LabelBadge label={row.label} /> },
  { key: 'score', header: 'Score', numeric: true, width: '90px', render: (row: SentenceResult) => formatScore(row.score) },
];

const ASPECT_COLUMNS = [
  { key: 'text', header: 'Aspect' },
  { key: 'label', header: 'Label', width: '120px', render: (row: AspectResult) => <LabelBadge label={row.label} /> },
  { key: 'score', header: 'Score', numeric: true, width: '90px', render: (row: AspectResult) => formatScore(row.score) },
];

export function AnalysisResult({ analysis }: { analysis: Analysis }) {
  return (
    <section aria-label="Analysis result">
      <StatGrid label="Overall sentiment">
        <StatCard
          label="Overall label"
          value={<LabelBadge label={analysis.label} />}
          hint={`${analysis.sentences.length} sentence${analysis.sentences.length === 1 ? '' : 's'}`}
          tone={toneOf(analysis.label)}
        />
        <StatCard label="Score" value={formatScore(analysis.score)} hint="−1 negative … +1 positive" />
        <StatCard label="Magnitude" value={analysis.magnitude.toFixed(2)} hint="how much emotion, summed over sentences" />
        <StatCard label="P(positive)" value={`${Math.round(analysis.positiveProbability * 100)}%`} hint={`${analysis.model} ${analysis.modelVersion}`} />
      </StatGrid>
      <Card title="Sentences">
        <LabelLegend />
        <HighlightedText text={analysis.text} sentences={analysis.sentences} />
      </Card>
      <DataTable
        caption="Per-sentence results"
        columns={SENTENCE_COLUMNS}
        rows={analysis.sentences.map((sentence, index) => ({ ...sentence, index }))}
        rowKey={(row) => String(row.index)}
      />
      {analysis.aspects?.length ? (
        <>
          <Card title="Aspects">
            <HighlightedAspects text={analysis.text} aspects={analysis.aspects} />
          </Card>
          <DataTable caption="Sentiment per aspect" columns={ASPECT_COLUMNS} rows={analysis.aspects} rowKey={(row) => `${row.start}:${row.end}`} />
        </>
      ) : null}
    </section>
  );
}

function toneOf(label: Analysis['label']) {
  return label === 'POSITIVE' ? 'positive' : label === 'NEGATIVE' ? 'negative' : label === 'MIXED' ? 'warning' : 'neutral';
}
