// The recommender API's resources (libs/recommender-contract), with the page envelope of its lists.
export type {
  ActiveModelState,
  EventView,
  ItemView,
  ModelVersionView,
  Page,
  RecommendedItem,
  Recommendations,
  Strategy,
  TrainingJobView,
  UserView,
} from '@matrix/recommender-contract';
