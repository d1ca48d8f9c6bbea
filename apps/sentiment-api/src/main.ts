import { runProductApp } from '@matrix/product-server';
import { SENTIMENT_APP_OPTIONS } from './app-options';
import { SentimentModule } from './sentiment.module';

// sentiment-api. Env: PORT (8110), HOST, SENTIMENT_DATABASE_URL (else its own file or schema derived from DATABASE_URL), GATEWAY_URL, GATEWAY_API_KEY, CORS_ORIGINS, LOG_LEVEL,
// LOG_PRETTY (libs/product-server) and SENTIMENT_MODEL, SENTIMENT_REGISTER_MODEL, SENTIMENT_JOB_CHUNK_ROWS,
// SENTIMENT_MAX_CSV_ROWS (src/config/sentiment-config.ts).
void runProductApp(SentimentModule.forRoot(), SENTIMENT_APP_OPTIONS);
