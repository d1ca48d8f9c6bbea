import type { ItemView } from '@matrix/recommender-contract';

export type { ItemView, UserView } from '@matrix/recommender-contract';

export interface ItemRow {
  id: string;
  title: string;
  description: string;
  categories: string;
  createdAt: Date;
}

export function toItemView(row: ItemRow): ItemView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    categories: JSON.parse(row.categories) as string[],
    createdAt: row.createdAt.toISOString(),
  };
}
