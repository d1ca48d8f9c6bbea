import { runProductApp } from '@matrix/product-server';
import { imageTaggerAppOptions } from './app-options';
import { ImageTaggerModule } from './image-tagger.module';

// image-tagger-api. Env: PORT (8140), HOST, IMAGE_TAGGER_DATABASE_URL (else its own file or schema derived from DATABASE_URL), GATEWAY_URL, GATEWAY_API_KEY, CORS_ORIGINS, LOG_LEVEL,
// LOG_PRETTY (libs/product-server) and IMAGE_STORE_DIR, IMAGE_TAGGER_* (src/config/image-tagger-config.ts).
void runProductApp(ImageTaggerModule.forRoot(), imageTaggerAppOptions());
