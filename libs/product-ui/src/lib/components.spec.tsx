import { renderToStaticMarkup } from 'react-dom/server';
import { ApiError } from './api-error';
import { AppShell, isActivePath } from './app-shell';
import { BarChartCard, PieChartCard } from './charts';
import { DataTable } from './data-table';
import { ErrorBanner } from './error-banner';
import { formatBytes, FileDropZone } from './file-drop-zone';
import { FilterBar } from './filter-bar';
import { pageRange, Pagination } from './pagination';
import { percentOf, ProgressBar } from './progress-bar';
import { StatCard } from './stat-card';

const noop = () => undefined;

describe('AppShell', () => {
  const nav = [
    { href: '/', label: 'Analyze' },
    { href: '/history', label: 'History' },
  ];

  it('marks only the current section as the current page', () => {
    const html = renderToStaticMarkup(
      <AppShell productName="Sentiment" nav={nav} currentPath="/history/abc">
        <p>content</p>
      </AppShell>,
    );
    expect(html).toContain('<nav class="mx-shell__nav" aria-label="Main">');
    expect(html).toContain('<a href="/history" class="mx-shell__link" aria-current="page">History</a>');
    expect(html).toContain('<a href="/" class="mx-shell__link">Analyze</a>');
    expect(html).toContain('<main id="mx-main" class="mx-shell__main"><p>content</p></main>');
  });

  it('treats "/" as active on the home page only', () => {
    expect(isActivePath('/', '/')).toBe(true);
    expect(isActivePath('/', '/batch')).toBe(false);
    expect(isActivePath('/batch', '/batch-old')).toBe(false);
  });
});

describe('ErrorBanner', () => {
  it("shows the API's message, status and details as an alert", () => {
    const error = new ApiError('text must be at most 20000 characters', 413, 'payload_too_large', ['got 25000 characters']);
    const html = renderToStaticMarkup(<ErrorBanner error={error} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('text must be at most 20000 characters');
    expect(html).toContain('(HTTP 413, payload_too_large)');
    expect(html).toContain('<li>got 25000 characters</li>');
  });

  it('renders nothing without an error', () => {
    expect(renderToStaticMarkup(<ErrorBanner error={null} />)).toBe('');
  });
});

describe('ProgressBar', () => {
  it('reports the percentage to assistive technology', () => {
    // 2 of 5 rows = 40 %.
    const html = renderToStaticMarkup(<ProgressBar label="Job progress" value={2} max={5} />);
    expect(html).toContain('role="progressbar" aria-label="Job progress" aria-valuemin="0" aria-valuemax="100" aria-valuenow="40"');
    expect(html).toContain('width:40%');
  });

  it('never shows 100% before the work is done, and clamps out-of-range values', () => {
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(12, 10)).toBe(100);
    expect(percentOf(-1, 10)).toBe(0);
    expect(percentOf(1, 0)).toBe(0);
  });
});

describe('Pagination', () => {
  it('computes the rows of a page', () => {
    expect(pageRange(1, 20, 45)).toEqual({ totalPages: 3, first: 1, last: 20 });
    expect(pageRange(3, 20, 45)).toEqual({ totalPages: 3, first: 41, last: 45 });
    expect(pageRange(1, 20, 0)).toEqual({ totalPages: 1, first: 0, last: 0 });
  });

  it('disables Previous on the first page and Next on the last', () => {
    const first = renderToStaticMarkup(<Pagination page={1} pageSize={20} total={45} onPageChange={noop} />);
    expect(first).toContain('Showing 1–20 of 45');
    expect(first).toMatch(/aria-label="Previous page" disabled=""/);
    expect(first).not.toMatch(/aria-label="Next page" disabled=""/);
    const last = renderToStaticMarkup(<Pagination page={3} pageSize={20} total={45} onPageChange={noop} />);
    expect(last).toContain('Page 3 of 3');
    expect(last).toMatch(/aria-label="Next page" disabled=""/);
  });
});

describe('DataTable', () => {
  const columns = [
    { key: 'text', header: 'Text' },
    { key: 'score', header: 'Score', numeric: true, render: (row: { score: number }) => row.score.toFixed(2) },
  ];

  it('renders a captioned table with one row per item', () => {
    const rows = [
      { id: 'a', text: 'Great', score: 0.91 },
      { id: 'b', text: 'Awful', score: -0.8 },
    ];
    const html = renderToStaticMarkup(<DataTable caption="Analyses" columns={columns} rows={rows} rowKey={(row) => row.id} />);
    expect(html).toContain('<caption>Analyses</caption>');
    expect(html).toContain('<th scope="col" class="mx-table__numeric">Score</th>');
    expect(html).toContain('<td class="">Great</td><td class="mx-table__numeric">0.91</td>');
    expect(html).toContain('<td class="mx-table__numeric">-0.80</td>');
  });

  it('says so when there are no rows', () => {
    const html = renderToStaticMarkup(<DataTable caption="Analyses" columns={columns} rows={[]} rowKey={() => ''} emptyMessage="No analyses yet." />);
    expect(html).toContain('<td class="mx-table__empty" colSpan="2">No analyses yet.</td>');
  });
});

describe('FilterBar', () => {
  it('labels every input and offers an "any" option', () => {
    const html = renderToStaticMarkup(
      <FilterBar
        label="Filter analyses"
        fields={[
          { name: 'label', label: 'Label', kind: 'select', options: [{ value: 'POSITIVE', label: 'Positive' }], anyLabel: 'All labels' },
          { name: 'from', label: 'From', kind: 'date' },
        ]}
        values={{ label: 'POSITIVE' }}
        onChange={noop}
        onSubmit={noop}
      />,
    );
    expect(html).toContain('role="search" aria-label="Filter analyses"');
    expect(html).toContain('<label for="mx-filter-label">Label</label><select id="mx-filter-label"');
    expect(html).toContain('<option value="">All labels</option><option value="POSITIVE" selected="">Positive</option>');
    expect(html).toContain('<label for="mx-filter-from">From</label><input id="mx-filter-from" class="mx-input" type="date" name="from" value=""');
  });
});

describe('StatCard', () => {
  it('pairs the label and the value', () => {
    const html = renderToStaticMarkup(<StatCard label="Analyses" value={42} tone="positive" />);
    expect(html).toBe('<dl class="mx-stat mx-stat--positive"><dt>Analyses</dt><dd>42</dd></dl>');
  });
});

describe('charts', () => {
  it('show an empty state rather than a blank axis', () => {
    const html = renderToStaticMarkup(<BarChartCard title="Per day" data={[]} xKey="bucket" series={[{ key: 'n', label: 'Count', color: '#000' }]} />);
    expect(html).toContain('<figcaption>Per day</figcaption>');
    expect(html).toContain('No data yet.');
  });

  it('summarise the slices for screen readers', () => {
    const html = renderToStaticMarkup(
      <PieChartCard
        title="Labels"
        data={[
          { name: 'Positive', value: 3, color: '#0a0' },
          { name: 'Negative', value: 1, color: '#a00' },
        ]}
      />,
    );
    expect(html).toContain('role="img" aria-label="Labels: Positive 3, Negative 1"');
  });
});

describe('FileDropZone', () => {
  it('has a labelled file input', () => {
    const html = renderToStaticMarkup(<FileDropZone label="CSV file" accept=".csv" onFile={noop} />);
    expect(html).toMatch(/<label for="([^"]+)" class="mx-visually-hidden">CSV file<\/label><input id="\1" type="file" accept=".csv"\/>/);
  });

  it('lets several files be chosen when asked to', () => {
    const html = renderToStaticMarkup(<FileDropZone label="Images" accept="image/*" multiple onFiles={noop} />);
    expect(html).toMatch(/<input id="[^"]+" type="file" accept="image\/\*" multiple=""\/>/);
    expect(html).toContain('Drop files here or click to choose');
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
});
