import type { QuestionCluster } from '@matrix/chatbot-contract';
import { dot, normalised } from '../knowledge/vector-index';

export interface Question {
  id: string;
  text: string;
  intent: string | null;
  createdAt: Date;
  vector: Float32Array;
}

/**
 * Groups similar questions (cosine ≥ `threshold` to a cluster's running centroid, greedy in time
 * order): unanswered questions grouped this way are the knowledge base's gaps, biggest first.
 */
export function clusterQuestions(questions: Question[], threshold = 0.6, maxExamples = 5): QuestionCluster[] {
  const clusters: Array<{ sum: Float32Array; members: Question[] }> = [];
  for (const q of questions) {
    const v = normalised(q.vector);
    let best = -1;
    let bestScore = threshold;
    clusters.forEach((c, i) => {
      const score = dot(normalised(c.sum), v);
      if (score >= bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best === -1) clusters.push({ sum: Float32Array.from(v), members: [q] });
    else {
      const c = clusters[best];
      for (let i = 0; i < v.length; i++) c.sum[i] += v[i];
      c.members.push(q);
    }
  }
  return clusters
    .map((c) => {
      const centre = normalised(c.sum);
      const ranked = [...c.members].sort((a, b) => dot(normalised(b.vector), centre) - dot(normalised(a.vector), centre));
      const intents = new Map<string, number>();
      for (const m of c.members) if (m.intent) intents.set(m.intent, (intents.get(m.intent) ?? 0) + 1);
      const likelyIntent = [...intents.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
      const last = c.members.reduce((x, y) => (y.createdAt > x.createdAt ? y : x));
      return {
        representative: ranked[0].text,
        count: c.members.length,
        examples: [...new Set(ranked.map((m) => m.text))].slice(0, maxExamples),
        likelyIntent,
        lastAskedAt: last.createdAt.toISOString(),
      };
    })
    .sort((a, b) => b.count - a.count || (a.lastAskedAt < b.lastAskedAt ? 1 : -1));
}
