import { withQuery } from '@matrix/product-ui';
import { headlineStats } from './aggregate-stats';
import type { JobState, SentenceResult } from './api-types';
import { guessTextColumn, linesToTexts, previewCsv } from './csv-columns';
import { bucketLabel, dayBoundary } from './date-range';
import { filtersFromParams, historyQuery } from './history-query';
import { jobPercent, jobProgressText } from './job-progress';
import { formatScore } from './labels';
import { sentenceSegments } from './sentence-segments';
import { uploadQuery } from './upload-query';

function sentence(text: string, start: number, label: SentenceResult['label'] = 'POSITIVE', score = 0.8): SentenceResult {
  return { text, start, end: start + text.length, label, score };
}

describe('sentenceSegments', () => {
  const text = 'I love it.  The box was damaged.\nFine overall.';
  // Offsets counted by hand: "I love it." 0–10, "The box was damaged." 12–32, "Fine overall." 33–46.
  const sentences = [sentence('I love it.', 0), sentence('The box was damaged.', 12, 'NEGATIVE', -0.7), sentence('Fine overall.', 33, 'NEUTRAL', 0.1)];

  it('keeps the text exactly as typed, with the gaps between sentences', () => {
    const segments = sentenceSegments(text, sentences);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(segments.map((segment) => segment.kind)).toEqual(['sentence', 'gap', 'sentence', 'gap', 'sentence']);
    expect(segments[1].text).toBe('  ');
    expect(segments[3].text).toBe('\n');
  });

  it('falls back to the sentences themselves when the offsets do not fit the text', () => {
    const broken = [sentence('I love it.', 0), { ...sentence('Overlap', 5), end: 60 }];
    const segments = sentenceSegments(text, broken);
    expect(segments.map((segment) => segment.text)).toEqual(['I love it.', ' ', 'Overlap']);
  });
});

describe('previewCsv', () => {
  const csv = 'id,review,stars\n1,"Great, really great",5\n2,Terrible,1\n\n';

  it('offers the header names and counts data rows (quoted commas stay in one field)', () => {
    const preview = previewCsv(csv, true);
    expect(preview.columns).toEqual(['id', 'review', 'stars']);
    expect(preview.values).toEqual(['id', 'review', 'stars']);
    expect(preview.rowCount).toBe(2);
    expect(preview.sample[0]).toEqual(['1', 'Great, really great', '5']);
    expect(guessTextColumn(preview)).toBe('review');
  });

  it('numbers the columns from 1 without a header and guesses the longest one', () => {
    const preview = previewCsv('1,a long piece of text here,x\n2,another longer text,y\n', false);
    expect(preview.columns).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(preview.values).toEqual(['1', '2', '3']);
    expect(preview.rowCount).toBe(2);
    expect(guessTextColumn(preview)).toBe('2');
  });

  it('ignores a byte-order mark and reports an empty file as no columns', () => {
    expect(previewCsv('\uFEFFtext\nhello\n', true).columns).toEqual(['text']);
    expect(previewCsv('', true)).toEqual({ columns: [], values: [], rowCount: 0, sample: [] });
  });
});

describe('linesToTexts', () => {
  it('drops blank lines and trims', () => {
    expect(linesToTexts(' good \r\n\n  \nbad\n')).toEqual(['good', 'bad']);
  });
});

describe('job progress', () => {
  const job = (patch: Partial<JobState>): JobState => ({
    id: 'j',
    status: 'running',
    progress: 0,
    total: null,
    done: 0,
    error: null,
    waiting: null,
    retryable: false,
    ...patch,
  });

  it('uses done/total when known and caps at 99% until the job has succeeded', () => {
    expect(jobPercent(job({ total: 8, done: 3 }))).toBe(37); // 3/8 = 37.5 %
    expect(jobPercent(job({ total: 8, done: 8 }))).toBe(99);
    expect(jobPercent(job({ status: 'succeeded', total: 8, done: 8, progress: 1 }))).toBe(100);
    expect(jobPercent(job({ progress: 0.5 }))).toBe(50);
    expect(jobProgressText(job({ total: 8, done: 3 }))).toBe('37% · 3 / 8 rows');
  });
});

describe('dates', () => {
  it('makes a "to" day inclusive and a "from" day start at midnight (local time)', () => {
    expect(new Date(dayBoundary('2024-05-03', 'start') as string).getTime()).toBe(new Date(2024, 4, 3, 0, 0, 0, 0).getTime());
    expect(new Date(dayBoundary('2024-05-03', 'end') as string).getTime()).toBe(new Date(2024, 4, 3, 23, 59, 59, 999).getTime());
    expect(dayBoundary('05/03/2024', 'start')).toBeUndefined();
  });

  it('shows a date bucket as its own calendar day', () => {
    expect(bucketLabel('2024-05-03', 'day')).toBe(
      new Date(Date.UTC(2024, 4, 3)).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    );
    expect(bucketLabel('not a date', 'day')).toBe('not a date');
  });
});

describe('history query', () => {
  it('sends only the filters that are set', () => {
    const filters = filtersFromParams(new URLSearchParams('label=NEGATIVE&q=%20refund%20'));
    expect(historyQuery(filters)).toEqual({ label: 'NEGATIVE', q: 'refund', from: undefined, to: undefined, source: '', jobId: '' });
  });
});

describe('headlineStats', () => {
  it('weights bucket means by their counts', () => {
    // Bucket 1: 3 analyses, mean 0.5; bucket 2: 1 analysis, mean −0.5 → (1.5 − 0.5) / 4 = 0.25.
    const stats = headlineStats({
      byLabel: { POSITIVE: 2, NEGATIVE: 1, NEUTRAL: 1 },
      series: [
        { bucket: '2024-05-01', POSITIVE: 2, NEUTRAL: 1, meanScore: 0.5 },
        { bucket: '2024-05-02', NEGATIVE: 1, meanScore: -0.5 },
      ],
    });
    expect(stats.total).toBe(4);
    expect(stats.share.POSITIVE).toBe(0.5);
    expect(stats.share.MIXED).toBe(0);
    expect(stats.meanScore).toBeCloseTo(0.25, 10);
  });

  it('has no mean without analyses', () => {
    expect(headlineStats({ byLabel: {}, series: [] })).toEqual({ total: 0, share: { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 }, meanScore: null });
  });
});

describe('formatScore', () => {
  it('signs scores with a true minus', () => {
    expect(formatScore(0.8234)).toBe('+0.82');
    expect(formatScore(-0.4)).toBe('−0.40');
    expect(formatScore(-0.001)).toBe('0.00');
  });
});

describe('uploadQuery', () => {
  // The query POST /api/uploads reads: aspects=true asks the job for each row's aspects (an aspects column in the results).
  const query = (aspects: boolean) => withQuery('/api/uploads', uploadQuery({ column: 'review', hasHeader: true, aspects }));

  it('asks for aspects when the box is ticked, and says no otherwise (the API default)', () => {
    expect(query(true)).toBe('/api/uploads?column=review&hasHeader=true&aspects=true');
    expect(query(false)).toBe('/api/uploads?column=review&hasHeader=true&aspects=false');
  });
});
