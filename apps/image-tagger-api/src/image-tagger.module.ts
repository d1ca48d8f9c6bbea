import { DynamicModule, Module } from '@nestjs/common';
import { PRODUCT_ENV } from '@matrix/product-server';
import { IMAGE_TAGGER_CONFIG, loadImageTaggerConfig } from './config/image-tagger-config';
import { ImageTaggerDemo } from './demo/image-tagger-demo';
import { ImageLibrary } from './images/image-library';
import { ImagesController } from './images/images.controller';
import { JobsService } from './jobs/jobs.service';
import { TaggingJobRunner } from './jobs/tagging-job-runner';
import { TaggingJobsController } from './jobs/tagging-jobs.controller';
import { GatewayModels } from './models/gateway-models.service';
import { ImageTaggerMetrics } from './observability/image-tagger-metrics';
import { ImageStore } from './storage/image-store';
import { ReviewService } from './tags/review.service';
import { Tagger } from './tags/tagger.service';
import { TagsController } from './tags/tags.controller';
import { ThresholdService } from './tags/threshold.service';
import { PrismaThresholdStore, ThresholdStore } from './tags/threshold-store';
import { UploadService } from './uploads/upload.service';
import { VocabulariesController } from './vocabularies/vocabularies.controller';
import { VocabularyService } from './vocabularies/vocabulary.service';
import { IMAGE_TAGGER_PRIVACY } from './privacy/privacy.module';

/** The image tagger API; createProductApp() supplies the database, gateway client, health and metrics. */
@Module({})
export class ImageTaggerModule {
  static forRoot(): DynamicModule {
    return {
      module: ImageTaggerModule,
      controllers: [ImagesController, TagsController, TaggingJobsController, VocabulariesController, ...IMAGE_TAGGER_PRIVACY.controllers],
      providers: [
        { provide: IMAGE_TAGGER_CONFIG, inject: [PRODUCT_ENV], useFactory: loadImageTaggerConfig },
        ImageTaggerMetrics,
        GatewayModels,
        ImageStore,
        Tagger,
        { provide: ThresholdStore, useClass: PrismaThresholdStore },
        ThresholdService,
        ImageLibrary,
        ReviewService,
        VocabularyService,
        UploadService,
        TaggingJobRunner,
        JobsService,
        ImageTaggerDemo,
        ...IMAGE_TAGGER_PRIVACY.providers,
      ],
    };
  }
}
