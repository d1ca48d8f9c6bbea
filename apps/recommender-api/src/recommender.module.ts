import { DynamicModule, Module } from '@nestjs/common';
import { PRODUCT_ENV } from '@matrix/product-server';
import { CatalogStore } from './catalog/catalog-store';
import { ItemsController } from './catalog/items.controller';
import { UsersController } from './catalog/users.controller';
import { loadRecommenderConfig, RECOMMENDER_CONFIG } from './config/recommender-config';
import { MovieLensDemo } from './demo/movielens-demo';
import { EventIngest } from './events/event-ingest';
import { EventsController } from './events/events.controller';
import { ImportsController } from './imports/imports.controller';
import { TrainingJobRunner } from './jobs/training-job-runner';
import { TrainingJobsController } from './jobs/training-jobs.controller';
import { ActiveModelService } from './model/active-model.service';
import { ModelsController } from './model/models.controller';
import { PopularityIndex } from './serving/popularity-index';
import { RecommendationService } from './serving/recommendation.service';
import { PrismaServingStore, ServingStore } from './serving/serving-store';
import { RecommendationsController } from './serving/recommendations.controller';
import { RecommenderPrivacyModule } from './privacy/privacy.module';

/** The recommender API; createProductApp() supplies the database, gateway client, health and metrics. */
@Module({})
export class RecommenderModule {
  static forRoot(): DynamicModule {
    return {
      module: RecommenderModule,
      imports: [RecommenderPrivacyModule],
      // RecommendationsController before ItemsController/UsersController: its /items/:id/similar must not be read as an item id.
      controllers: [RecommendationsController, ItemsController, UsersController, EventsController, ImportsController, TrainingJobsController, ModelsController],
      providers: [
        { provide: RECOMMENDER_CONFIG, inject: [PRODUCT_ENV], useFactory: loadRecommenderConfig },
        CatalogStore,
        EventIngest,
        ActiveModelService,
        { provide: ServingStore, useClass: PrismaServingStore },
        PopularityIndex,
        RecommendationService,
        TrainingJobRunner,
        MovieLensDemo,
      ],
    };
  }
}
