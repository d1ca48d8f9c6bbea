import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { articleInputSchema, type ArticleInput } from './article-input';

/** The shipped demo knowledge base of a bank: one article per Banking77 intent. */
export function demoKnowledgeBasePath(): string {
  return join(workspaceRoot(), 'apps', 'support-chatbot-api', 'data', 'demo-bank-kb.json');
}

export function loadDemoKnowledgeBase(path: string = demoKnowledgeBasePath()): ArticleInput[] {
  if (!existsSync(path)) throw new Error(`the demo knowledge base is missing: ${path}`);
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { articles?: unknown[] };
  if (!Array.isArray(raw.articles)) throw new Error(`${path}: expected {"articles": [...]}`);
  return raw.articles.map((article, i) => {
    const parsed = articleInputSchema.safeParse(article);
    if (!parsed.success)
      throw new Error(`${path}: article ${i + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return parsed.data;
  });
}
