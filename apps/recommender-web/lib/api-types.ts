// The recommender API's resources (libs/recommender-contract), plus the page envelope of its lists.
export type {
  ActiveModelState,
  EventView,
  ItemView,
  ModelVersionView,
  RecommendedItem,
  Recommendations,
  Strategy,
  TrainingJobView,
  UserView,
} from '@matrix/recommender-contract';

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}
