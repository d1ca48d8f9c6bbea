import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, expectJsonBody, parseWith, Public, Visitor, ZodValidationPipe } from '@matrix/product-server';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import type { StartedConversation } from '@matrix/chatbot-contract';
import type { ConversationWithMessages } from './conversation-dto';
import { ConversationService, type PostResult } from './conversation.service';
import { CONVERSATION_TOKEN_HEADER, ConversationTokenGuard } from './conversation-token';
import { messageTextSchema, nameSchema } from './message-input';

const createSchema = z.object({ customerName: nameSchema('customerName').optional() });
const idSchema = z.object({ id: z.string().min(1).max(100) });
const messageIdSchema = z.object({ id: z.string().min(1).max(100), messageId: z.string().min(1).max(100) });
const afterSchema = z.object({ after: z.string().min(1).max(100).optional() });
/** The message body as OpenAPI shows it (the validating schema takes its length limit from CHATBOT_MAX_MESSAGE_CHARS). */
const messageDocSchema = z.object({ text: z.string().min(1).max(1000).describe('The customer’s message (limit: CHATBOT_MAX_MESSAGE_CHARS, default 1000)') });
const feedbackSchema = z.object({
  value: z.enum(['resolved', 'escalate'], { message: 'value must be "resolved" (this answered my question) or "escalate" (talk to a human)' }),
});

/** On each visitor route: the conversation's token is checked (ConversationTokenGuard) before the handler runs. */
const ConversationTokenChecked = () =>
  applyDecorators(
    UseGuards(ConversationTokenGuard),
    ApiHeader({ name: CONVERSATION_TOKEN_HEADER, required: true, description: 'The token POST /api/conversations returned for this conversation' }),
  );

/**
 * The chat visitor's side. Public: starting a conversation (the widget on the shop's site, no account).
 * Every other route is scoped to one conversation by its token.
 */
@ApiTags('chat')
@Controller('api/conversations')
export class ChatController {
  private readonly messageSchema;

  constructor(
    private readonly conversations: ConversationService,
    @Inject(CHATBOT_CONFIG) config: ChatbotConfig,
  ) {
    this.messageSchema = z.object({ text: messageTextSchema(config.maxMessageChars) });
  }

  // Public: an anonymous shop visitor opens the chat widget; the answer's token scopes every later call to this conversation.
  @Public({ rateLimit: 'public' })
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a conversation (a chat session); the answer carries the conversation token, shown once' })
  @ApiZodBody(createSchema)
  create(@Body(new ZodValidationPipe(createSchema)) body: z.infer<typeof createSchema>): Promise<StartedConversation> {
    return this.conversations.create(body.customerName);
  }

  @Visitor(CONVERSATION_TOKEN_HEADER)
  @ConversationTokenChecked()
  @Get(':id')
  @ApiOperation({ summary: 'A conversation and its messages; ?after=<messageId> returns only newer ones (for polling agent replies)' })
  @ApiZodQuery(afterSchema)
  get(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @Query(new ZodValidationPipe(afterSchema)) query: z.infer<typeof afterSchema>,
  ): Promise<ConversationWithMessages> {
    return this.conversations.get(params.id, query.after);
  }

  @Visitor(CONVERSATION_TOKEN_HEADER)
  @ConversationTokenChecked()
  @Post(':id/messages')
  @ApiOperation({
    summary:
      'The customer writes; 201 with the bot’s reply (answer with citation, clarifying question, or handoff); 202 when the message was kept because the assistant is briefly unavailable',
  })
  @ApiZodBody(messageDocSchema)
  async post(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PostResult> {
    // The length limit is configuration (CHATBOT_MAX_MESSAGE_CHARS), so the schema is built per instance.
    expectJsonBody(body);
    const { text } = parseWith(this.messageSchema, body, 'body');
    const result = await this.conversations.postCustomerMessage(params.id, text);
    void reply.status(result.message.status === 'pending' ? 202 : 201);
    return result;
  }

  @Visitor(CONVERSATION_TOKEN_HEADER)
  @ConversationTokenChecked()
  @Post(':id/messages/:messageId/feedback')
  @HttpCode(200)
  @ApiOperation({ summary: 'The buttons under an answer: "resolved" ends the conversation as solved by the bot, "escalate" hands it to a human agent' })
  @ApiZodBody(feedbackSchema)
  feedback(
    @Param(new ZodValidationPipe(messageIdSchema)) params: { id: string; messageId: string },
    @Body(new ZodValidationPipe(feedbackSchema)) body: z.infer<typeof feedbackSchema>,
  ): Promise<ConversationWithMessages> {
    return this.conversations.feedback(params.id, params.messageId, body.value);
  }
}
