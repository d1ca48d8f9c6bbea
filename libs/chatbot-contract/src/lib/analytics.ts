/** GET /api/analytics of the support chatbot API. */
export interface QuestionCluster {
  /** The question closest to the cluster's centre. */
  representative: string;
  count: number;
  examples: string[];
  /** The intent the classifier guessed most often for these questions (a hint at which article to write or fix). */
  likelyIntent: string | null;
  lastAskedAt: string;
}

export interface DailyPoint {
  day: string;
  conversations: number;
  contained: number;
  handedOff: number;
}

export interface Analytics {
  from: string;
  to: string;
  /** Conversations started in the range in which the customer wrote at least once. */
  conversations: number;
  /** Never handed to a human: the bot's deflection (Chatwoot/Intercom "resolution by bot"). */
  contained: number;
  containmentRate: number | null;
  /** Contained and confirmed by the customer ("this solved it"). */
  confirmedResolved: number;
  handedOff: number;
  handoffRate: number | null;
  handoffReasons: Array<{ reason: string; count: number }>;
  /** The bot's replies by decision, and the feedback on its answers. */
  replies: { answer: number; clarify: number; handoff: number };
  feedback: { resolved: number; escalated: number };
  /** What customers ask about (predicted intents of their messages), with how often the bot answered. */
  topIntents: Array<{ intent: string; count: number; answered: number }>;
  /** Questions the bot could not answer, grouped by similarity: where the knowledge base has gaps. */
  knowledgeGaps: QuestionCluster[];
  unansweredQuestions: number;
  daily: DailyPoint[];
  /** Conversations waiting for an agent right now (whatever the range). */
  waitingNow: number;
}
