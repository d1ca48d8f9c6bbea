import { Module } from '@nestjs/common';
import { RecommenderErasureController } from './erasure.controller';
import { RecommenderPrivacy } from './recommender-privacy';

/** Privacy of the recommender: user erasure, retention of events and users, audited model actions. */
@Module({ controllers: [RecommenderErasureController], providers: [RecommenderPrivacy] })
export class RecommenderPrivacyModule {}
