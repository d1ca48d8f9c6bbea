import { type ProductAppOptions } from '@matrix/product-server';
import { JSON_BODY_LIMIT_BYTES } from './config/chatbot-config';

/** How main.ts (and the e2e test) build the app: same limits and docs everywhere. */
export const CHATBOT_APP_OPTIONS: ProductAppOptions = {
  name: 'support-chatbot-api',
  defaultPort: 8120,
  description:
    'Support chatbot: knowledge base (CRUD, Markdown/CSV/JSON import, semantic search), intent detection with a confidence threshold and ' +
    'ambiguity gap, cited answers, handoff to a human agent, agent console and analytics. Models are served by the inference gateway.',
  jsonBodyLimitBytes: JSON_BODY_LIMIT_BYTES,
  rawBodyTypes: [
    { contentType: 'text/markdown', limitBytes: JSON_BODY_LIMIT_BYTES },
    { contentType: 'text/csv', limitBytes: JSON_BODY_LIMIT_BYTES },
  ],
};
