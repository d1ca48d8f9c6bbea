import type { EmbedResponse } from '@matrix/gateway-client';
import { embedAll } from './embed-texts';

type EmbedCall = { texts: string[]; priority?: string };

/** A fake gateway: each text's embedding is [its length, its index in the whole list]; answers arrive in reverse order of sending. */
function fakeClient(allTexts: string[], version = () => '1') {
  const calls: EmbedCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client = {
    async embed(texts: string[], opts: { priority?: string } = {}): Promise<EmbedResponse> {
      calls.push({ texts, priority: opts.priority });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Later calls answer sooner, so rows arrive out of order.
      await new Promise((resolve) => setTimeout(resolve, 40 - calls.length * 5));
      inFlight--;
      return {
        model: 'use-lite-en',
        version: version(),
        dimensions: 2,
        embeddings: texts.map((t) => [t.length, allTexts.indexOf(t)]),
        tokens: texts.map(() => 1),
      };
    },
  };
  return { client, calls, maxInFlight: () => maxInFlight };
}

describe('embedAll', () => {
  const texts = Array.from({ length: 10 }, (_, i) => `text number ${'x'.repeat(i)}`);

  it('puts every row at its text position, in bulk priority, in batches with several in flight', async () => {
    const fake = fakeClient(texts);
    const progress: number[] = [];
    const result = await embedAll(fake.client, texts, { batchSize: 3, concurrency: 3, onProgress: (p) => progress.push(p.done) });
    expect(fake.calls.map((c) => c.texts.length)).toEqual([3, 3, 3, 1]);
    expect(fake.calls.every((c) => c.priority === 'bulk')).toBe(true);
    expect(fake.maxInFlight()).toBe(3);
    expect(result).toMatchObject({ model: 'use-lite-en', version: '1', dimensions: 2 });
    for (let i = 0; i < texts.length; i++) expect([result.matrix[i * 2], result.matrix[i * 2 + 1]]).toEqual([texts[i].length, i]);
    expect(progress[progress.length - 1]).toBe(10);
  });

  it('fails rather than mix two model versions in one matrix', async () => {
    let n = 0;
    const fake = fakeClient(texts, () => (n++ < 1 ? '1' : '2'));
    await expect(embedAll(fake.client, texts, { batchSize: 5, concurrency: 1 })).rejects.toThrow(
      'embedding model changed during the run: use-lite-en@1 (2-d) → use-lite-en@2 (2-d)',
    );
  });
});
