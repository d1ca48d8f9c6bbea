import { Injectable } from '@nestjs/common';
import type { DbClient } from '@matrix/db';
import { InjectDb } from '@matrix/product-server';
import { bytesToVector } from '../knowledge/embedding-bytes';
import type { Analytics, DailyPoint } from '@matrix/chatbot-contract';
import { clusterQuestions } from './question-clusters';

export type { Analytics } from '@matrix/chatbot-contract';

export interface AnalyticsRange {
  from: Date;
  to: Date;
}

/** Most unanswered questions grouped per request (the newest ones). */
const MAX_GAP_QUESTIONS = 1000;

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

@Injectable()
export class AnalyticsService {
  constructor(@InjectDb() private readonly db: DbClient) {}

  async summary(range: AnalyticsRange): Promise<Analytics> {
    const inRange = { createdAt: { gte: range.from, lte: range.to } };
    const conversations = await this.db.chatbotConversation.findMany({
      where: { ...inRange, messages: { some: { role: 'customer' } } },
      select: { id: true, createdAt: true, handoffAt: true, handoffReason: true, resolvedBy: true },
    });
    const handed = conversations.filter((c) => c.handoffAt !== null);
    const contained = conversations.filter((c) => c.handoffAt === null);
    const reasons = new Map<string, number>();
    for (const c of handed) reasons.set(c.handoffReason ?? 'unknown', (reasons.get(c.handoffReason ?? 'unknown') ?? 0) + 1);

    const botReplies = await this.db.chatbotMessage.groupBy({ by: ['decision'], where: { ...inRange, role: 'bot' }, _count: { _all: true } });
    const replies = { answer: 0, clarify: 0, handoff: 0 };
    for (const r of botReplies) if (r.decision && r.decision in replies) replies[r.decision as keyof typeof replies] = r._count._all;
    const feedbackRows = await this.db.chatbotMessage.groupBy({
      by: ['feedback'],
      where: { ...inRange, role: 'bot', feedback: { not: null } },
      _count: { _all: true },
    });
    const feedback = { resolved: 0, escalated: 0 };
    for (const r of feedbackRows) if (r.feedback && r.feedback in feedback) feedback[r.feedback as keyof typeof feedback] = r._count._all;

    const intentRows = await this.db.chatbotMessage.groupBy({
      by: ['intent', 'decision'],
      where: { ...inRange, role: 'customer', intent: { not: null } },
      _count: { _all: true },
    });
    const intents = new Map<string, { count: number; answered: number }>();
    for (const r of intentRows) {
      const entry = intents.get(r.intent as string) ?? { count: 0, answered: 0 };
      entry.count += r._count._all;
      if (r.decision === 'answer') entry.answered += r._count._all;
      intents.set(r.intent as string, entry);
    }
    const topIntents = [...intents.entries()]
      .map(([intent, v]) => ({ intent, ...v }))
      .sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent))
      .slice(0, 15);

    const unanswered = await this.db.chatbotMessage.findMany({
      where: { ...inRange, role: 'customer', decision: { in: ['handoff', 'clarify'] }, embedding: { not: null } },
      orderBy: { createdAt: 'desc' },
      take: MAX_GAP_QUESTIONS,
      select: { id: true, text: true, intent: true, createdAt: true, embedding: true },
    });
    const knowledgeGaps = clusterQuestions(
      unanswered.reverse().map((m) => ({ id: m.id, text: m.text, intent: m.intent, createdAt: m.createdAt, vector: bytesToVector(m.embedding as Uint8Array) })),
    ).slice(0, 20);

    const days = new Map<string, DailyPoint>();
    for (const c of conversations) {
      const day = c.createdAt.toISOString().slice(0, 10);
      const point = days.get(day) ?? { day, conversations: 0, contained: 0, handedOff: 0 };
      point.conversations++;
      if (c.handoffAt) point.handedOff++;
      else point.contained++;
      days.set(day, point);
    }
    const waitingNow = await this.db.chatbotConversation.count({ where: { status: 'waiting_agent' } });
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      conversations: conversations.length,
      contained: contained.length,
      containmentRate: rate(contained.length, conversations.length),
      confirmedResolved: contained.filter((c) => c.resolvedBy === 'customer').length,
      handedOff: handed.length,
      handoffRate: rate(handed.length, conversations.length),
      handoffReasons: [...reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      replies,
      feedback,
      topIntents,
      knowledgeGaps,
      unansweredQuestions: unanswered.length,
      daily: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
      waitingNow,
    };
  }
}
