import { Module } from '@nestjs/common';
import { SentimentErasureController } from './erasure.controller';
import { SentimentPrivacy } from './sentiment-privacy';

/** Privacy of the sentiment analyzer: erasure route, retention targets, audited routes (redaction: AnalysisStore and UploadService). */
@Module({ controllers: [SentimentErasureController], providers: [SentimentPrivacy] })
export class SentimentPrivacyModule {}
