/** An item as the recommender API shows it. */
export interface ItemView {
  id: string;
  title: string;
  /** Metadata text (what content-based cold start embeds). */
  description: string;
  categories: string[];
  /** Interactions with it (on GET /api/items/:id). */
  interactions?: number;
  createdAt: string;
}

export interface UserView {
  id: string;
  attributes: Record<string, unknown>;
  interactions: number;
  createdAt: string;
}

export const EVENT_TYPES = ['rating', 'view', 'click', 'purchase'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventView {
  id: string;
  userId: string;
  itemId: string;
  itemTitle: string;
  type: string;
  value: number | null;
  timestamp: string;
}

/** A row refused with the reason; `row` is the 1-based position in the request or file. */
export interface RejectedRow {
  row: number;
  reason: string;
}

/** What an event batch or an import did. */
export interface IngestReport {
  received: number;
  accepted: number;
  /** Rows whose id was already stored (or repeated in the same request): stored once. */
  duplicates: number;
  rejectedCount: number;
  /** The first 1,000 rejected rows with the reason. */
  rejected: RejectedRow[];
}
