/** An item as the API shows it. */
export interface ItemView {
  id: string;
  title: string;
  description: string;
  categories: string[];
  /** Users who interacted with it. */
  interactions?: number;
  createdAt: string;
}

export interface UserView {
  id: string;
  attributes: Record<string, unknown>;
  interactions: number;
  createdAt: string;
}

export interface ItemRow {
  id: string;
  title: string;
  description: string;
  categories: string;
  createdAt: Date;
}

export function toItemView(row: ItemRow): ItemView {
  return { id: row.id, title: row.title, description: row.description, categories: JSON.parse(row.categories) as string[], createdAt: row.createdAt.toISOString() };
}
