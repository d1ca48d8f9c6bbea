import { DynamicModule, Module } from '@nestjs/common';
import { PRODUCT_ENV } from '@matrix/product-server';
import { AnalysesController } from './analyses/analyses.controller';
import { AnalysisService } from './analyses/analysis.service';
import { AnalysisStore, PrismaAnalysisStore } from './analyses/analysis-store';
import { AnalyzeController } from './analyses/analyze.controller';
import { loadSentimentConfig, SENTIMENT_CONFIG } from './config/sentiment-config';
import { SentimentDemo } from './demo/sentiment-demo';
import {
  ARTIFACT_SOURCE,
  ASPECT_ARTIFACT_SOURCE,
  THREE_CLASS_ARTIFACT_SOURCE,
  trainedArtifactSource,
  trainedAspectSource,
  trainedThreeClassSource,
  type ArtifactSource,
} from './model/artifact-source';
import { AspectScorer } from './aspects/aspect-scorer';
import { SentimentModelService } from './model/sentiment-model.service';
import { SentimentMetrics } from './observability/sentiment-metrics';
import { SentimentPrivacyModule } from './privacy/privacy.module';
import { UploadOriginals } from './privacy/upload-originals';
import { SentimentScorer } from './scoring/sentiment-scorer';
import { CsvJobRunner } from './uploads/csv-job-runner';
import { UploadService } from './uploads/upload.service';
import { UploadsController } from './uploads/uploads.controller';

export interface SentimentModuleOptions {
  /** Where the trained head comes from (default: the artifact `sentiment-api:train` wrote). */
  artifactSource?: ArtifactSource;
  /** Where the three-class sentence head comes from (default: the artifact `sentiment-api:train-three-class` wrote). */
  threeClassArtifactSource?: ArtifactSource;
  /** Where the aspect head comes from (default: the artifact `sentiment-api:train-aspects` wrote). */
  aspectArtifactSource?: ArtifactSource;
}

/** The sentiment analyzer API; createProductApp() supplies the database, gateway client, health and metrics. */
@Module({})
export class SentimentModule {
  static forRoot(options: SentimentModuleOptions = {}): DynamicModule {
    return {
      module: SentimentModule,
      imports: [SentimentPrivacyModule],
      controllers: [AnalyzeController, AnalysesController, UploadsController],
      providers: [
        { provide: SENTIMENT_CONFIG, inject: [PRODUCT_ENV], useFactory: loadSentimentConfig },
        { provide: ARTIFACT_SOURCE, useValue: options.artifactSource ?? trainedArtifactSource },
        { provide: THREE_CLASS_ARTIFACT_SOURCE, useValue: options.threeClassArtifactSource ?? trainedThreeClassSource },
        { provide: ASPECT_ARTIFACT_SOURCE, useValue: options.aspectArtifactSource ?? trainedAspectSource },
        SentimentMetrics,
        SentimentModelService,
        SentimentScorer,
        AspectScorer,
        { provide: AnalysisStore, useClass: PrismaAnalysisStore },
        AnalysisService,
        UploadOriginals,
        CsvJobRunner,
        UploadService,
        SentimentDemo,
      ],
    };
  }
}
