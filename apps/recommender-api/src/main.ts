import { runProductApp } from '@matrix/product-server';
import { RECOMMENDER_APP_OPTIONS } from './app-options';
import { RecommenderModule } from './recommender.module';

// recommender-api. Env: PORT (8130), HOST, RECOMMENDER_DATABASE_URL (else its own file or schema derived from DATABASE_URL), GATEWAY_URL, GATEWAY_API_KEY, CORS_ORIGINS, LOG_LEVEL,
// LOG_PRETTY (libs/product-server) and RECOMMENDER_RANKER_MODEL, RECOMMENDER_EMBEDDING_MODEL,
// RECOMMENDER_MODEL_DIR, RECOMMENDER_MAX_IMPORT_ROWS (src/config/recommender-config.ts).
void runProductApp(RecommenderModule.forRoot(), RECOMMENDER_APP_OPTIONS);
