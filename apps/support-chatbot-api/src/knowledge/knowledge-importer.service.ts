import { Injectable } from '@nestjs/common';
import { ApiError } from '@matrix/product-server';
import type { ImportResult } from '@matrix/chatbot-contract';
import { articleFields, type ArticleInput } from './article-input';
import { ArticleStore, type ArticleFields, type ArticleWrite, type StoredArticle } from './article-store';
import { KnowledgeIndexer } from './knowledge-indexer.service';

type ImportAction = ImportResult['articles'][number]['action'];

interface ImportPlan {
  fields: ArticleFields;
  existing?: StoredArticle;
  action: ImportAction;
  /** A new article, a changed title/body, or one still pending: its passages are (re-)embedded. */
  reembed: boolean;
}

/** What to do with one imported article, given the stored one with its slug (if any). */
export function planImport(fields: ArticleFields, existing: StoredArticle | undefined): ImportPlan {
  if (!existing) return { fields, action: 'created', reembed: true };
  const sameMeta = existing.intent === fields.intent && existing.category === fields.category;
  const embedded = existing.indexStatus === 'embedded';
  const action = existing.contentHash === fields.contentHash && sameMeta && embedded ? 'unchanged' : 'updated';
  return { fields, existing, action, reembed: existing.contentHash !== fields.contentHash || !embedded };
}

/**
 * Articles per write transaction. One transaction for a whole import held the chatbot's write lock
 * for seconds (1,000 articles: ~18 s on a loaded 2-core machine), stalling every other chatbot write.
 */
export const IMPORT_CHUNK = 20;

/**
 * Bulk import (the Markdown/CSV/JSON parsers feed it; the demo seed too): creates or updates,
 * matched by slug, every article. Passages are embedded first (no transaction open), then short
 * transactions of IMPORT_CHUNK articles write them, each article whole (fields and passages
 * together); unchanged articles are left as they are. If a chunk fails, the articles this import
 * created are deleted again and the error goes up: a failed import never shows up as complete.
 * Articles it already updated keep their new text (each whole; re-sending the import finds them
 * unchanged by content hash, so a retry converges).
 */
@Injectable()
export class KnowledgeImporter {
  constructor(
    private readonly store: ArticleStore,
    private readonly indexer: KnowledgeIndexer,
  ) {}

  async import(inputs: ArticleInput[]): Promise<ImportResult> {
    const fields = inputs.map(articleFields);
    const seen = new Map<string, number>();
    fields.forEach((a, i) => {
      if (seen.has(a.slug))
        throw new ApiError(
          422,
          'invalid_import',
          `articles ${(seen.get(a.slug) ?? 0) + 1} and ${i + 1} have the same slug '${a.slug}': give them distinct slugs or titles; nothing was imported`,
        );
      seen.set(a.slug, i);
    });
    const existing = new Map((await this.store.findBySlugs(fields.map((a) => a.slug))).map((row) => [row.slug, row]));
    const plans = fields.map((f) => planImport(f, existing.get(f.slug)));
    const toEmbed = plans.filter((p) => p.reembed && p.action !== 'unchanged');
    const embedded = await this.indexer.passagesOf(toEmbed.map((p) => p.fields));
    const passages = new Map(toEmbed.map((p, i) => [p.fields.slug, embedded[i]]));
    const writes = plans.map(
      (p): ArticleWrite => ({ id: p.existing?.id, fields: p.action === 'unchanged' ? undefined : p.fields, passages: passages.get(p.fields.slug) }),
    );
    const ids = await this.writeInChunks(writes, plans);
    const articles = plans.map((p, i) => ({ id: ids[i], slug: p.fields.slug, title: p.fields.title, action: p.action }));
    for (const a of articles) if (a.action !== 'unchanged') await this.indexer.refresh(a.id);
    const count = (action: ImportAction) => articles.filter((a) => a.action === action).length;
    const waiting = embedded.filter((e) => !e.vectors).length;
    return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), pending: waiting, articles };
  }

  private async writeInChunks(writes: ArticleWrite[], plans: ImportPlan[]): Promise<string[]> {
    const ids: string[] = [];
    try {
      for (let i = 0; i < writes.length; i += IMPORT_CHUNK) {
        ids.push(...(await this.store.write(writes.slice(i, i + IMPORT_CHUNK), { timeoutMs: 60_000 })));
        // Requests queued behind this chunk (a customer's message) run before the next one.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return ids;
    } catch (error) {
      for (const [i, id] of ids.entries()) if (plans[i].action === 'created') await this.store.delete(id);
      throw error;
    }
  }
}
