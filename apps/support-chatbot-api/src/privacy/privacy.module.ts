import { Module } from '@nestjs/common';
import { ChatbotPrivacy } from './chatbot-privacy';
import { ChatbotErasureController } from './erasure.controller';

/** Privacy of the support chatbot: erasure route, retention target, audited staff routes (redaction: the conversation store). */
@Module({ controllers: [ChatbotErasureController], providers: [ChatbotPrivacy] })
export class ChatbotPrivacyModule {}
