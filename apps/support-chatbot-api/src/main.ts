import { runProductApp } from '@matrix/product-server';
import { CHATBOT_APP_OPTIONS } from './app-options';
import { SupportChatbotModule } from './support-chatbot.module';

// support-chatbot-api. Env: PORT (8120), HOST, SUPPORT_CHATBOT_DATABASE_URL (else its own file or schema derived from DATABASE_URL), GATEWAY_URL, GATEWAY_API_KEY, CORS_ORIGINS, LOG_LEVEL,
// LOG_PRETTY (libs/product-server) and CHATBOT_* (src/config/chatbot-config.ts), CHATBOT_MODEL_DIR (src/model/intent-artifact.ts).
void runProductApp(SupportChatbotModule.forRoot(), CHATBOT_APP_OPTIONS);
