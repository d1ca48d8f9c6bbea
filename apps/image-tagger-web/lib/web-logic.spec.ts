import { batchFiles, mergeResults } from './upload-batches';
import { boxPercentages, labelColour } from './box-geometry';
import { chipText, isFinished, jobProgressText } from './tag-display';

describe('batchFiles', () => {
  it('cuts after 8 files, or earlier when the bytes run over', () => {
    const files = Array.from({ length: 19 }, () => ({ size: 100 }));
    expect(batchFiles(files).map((b) => b.length)).toEqual([8, 8, 3]);
    const big = [{ size: 30 }, { size: 30 }, { size: 50 }, { size: 10 }];
    expect(batchFiles(big, 8, 60).map((b) => b.map((f) => f.size))).toEqual([
      [30, 30],
      [50, 10],
    ]);
    // A file bigger than the byte budget still goes, alone.
    expect(batchFiles([{ size: 500 }, { size: 1 }], 8, 60).map((b) => b.length)).toEqual([1, 1]);
    expect(batchFiles([])).toEqual([]);
  });

  it('adds up upload answers', () => {
    const a = { created: 2, duplicates: 0, rejected: 1, files: [] };
    const b = { created: 1, duplicates: 1, rejected: 0, files: [] };
    expect(mergeResults([a, b])).toEqual({ created: 3, duplicates: 1, rejected: 1, files: [] });
  });
});

describe('boxPercentages', () => {
  it('places a box in percent of the image, clipped to it', () => {
    expect(boxPercentages([50, 25, 100, 50], 200, 100)).toEqual({ left: '25.00%', top: '25.00%', width: '50.00%', height: '50.00%' });
    expect(boxPercentages([150, 90, 100, 50], 200, 100)).toEqual({ left: '75.00%', top: '90.00%', width: '25.00%', height: '10.00%' });
  });

  it('gives each label one colour', () => {
    expect(labelColour('person')).toBe(labelColour('person'));
    expect(labelColour('person')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('tag display', () => {
  const tag = {
    id: 't',
    name: 'person',
    source: 'detector' as const,
    confidence: 0.9,
    threshold: 0.3,
    visible: true,
    status: 'suggested' as const,
    wnid: null,
    count: 3,
    model: null,
    modelVersion: null,
  };
  it('shows object counts', () => {
    expect(chipText(tag)).toBe('person ×3');
    expect(chipText({ ...tag, count: 1 })).toBe('person');
    expect(chipText({ ...tag, source: 'classifier', count: undefined })).toBe('person');
  });

  it('words job progress', () => {
    expect(isFinished({ status: 'running' })).toBe(false);
    expect(isFinished({ status: 'cancelled' })).toBe(true);
    expect(jobProgressText({ done: 3, total: 10, status: 'running', result: null })).toBe('3 / 10 images · running');
    expect(jobProgressText({ done: 10, total: 10, status: 'succeeded', result: { tagged: 9, failed: 1 } })).toBe('10 / 10 images · 9 tagged, 1 failed');
  });
});
