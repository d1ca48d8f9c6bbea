import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, expectJsonBody, paginationShape, parseWith, toPage, ZodValidationPipe, type Page, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import { CONVERSATION_STATUSES, type Conversation, type ConversationStatus, type ConversationWithMessages } from '../chat/conversation-dto';
import { ConversationService } from '../chat/conversation.service';
import { messageTextSchema, nameSchema } from '../chat/message-input';

const listSchema = z.object({
  ...paginationShape(),
  status: z
    .enum(CONVERSATION_STATUSES as [ConversationStatus, ...ConversationStatus[]], { message: `status must be one of ${CONVERSATION_STATUSES.join(', ')}` })
    .optional(),
  q: z.string().trim().max(200, 'q may be at most 200 characters').optional(),
});
const idSchema = z.object({ id: z.string().min(1).max(100) });
const agentSchema = z.object({ agentName: nameSchema('agentName') });
/** The reply body as OpenAPI shows it (the validating schema takes its length limit from CHATBOT_MAX_MESSAGE_CHARS). */
const replyDocSchema = z.object({ agentName: z.string().min(1).max(100), text: z.string().min(1).max(1000) });

/** The agent console: the handoff queue, takeover, replies, resolution. */
@ApiTags('agent console')
@Controller('api/agent/conversations')
export class AgentController {
  private readonly replySchema;

  constructor(
    private readonly conversations: ConversationService,
    @Inject(CHATBOT_CONFIG) config: ChatbotConfig,
  ) {
    this.replySchema = z.object({ agentName: nameSchema('agentName'), text: messageTextSchema(config.maxMessageChars) });
  }

  @Roles('agent')
  @Get()
  @ApiOperation({
    summary: 'Conversations, most recent activity first: filter by status (waiting_agent = the handoff queue) and q (any message contains); paginated',
  })
  @ApiZodQuery(listSchema)
  async list(@Query(new ZodValidationPipe(listSchema)) query: z.infer<typeof listSchema>): Promise<Page<Conversation>> {
    const { page, pageSize, ...filters } = query;
    const { items, total } = await this.conversations.list(filters, { page, pageSize });
    return toPage(items, total, { page, pageSize });
  }

  @Roles('agent')
  @Get(':id')
  @ApiOperation({ summary: 'A conversation with every message and the bot’s understanding of each' })
  get(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<ConversationWithMessages> {
    return this.conversations.get(params.id);
  }

  @Roles('agent')
  @Post(':id/takeover')
  @HttpCode(200)
  @ApiOperation({ summary: 'A human agent takes the conversation over from the bot (409 if another agent has it)' })
  @ApiZodBody(agentSchema)
  takeOver(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @Body(new ZodValidationPipe(agentSchema)) body: z.infer<typeof agentSchema>,
  ): Promise<ConversationWithMessages> {
    return this.conversations.takeOver(params.id, body.agentName);
  }

  @Roles('agent')
  @Post(':id/messages')
  @HttpCode(201)
  @ApiOperation({ summary: 'The agent who took over replies to the customer' })
  @ApiZodBody(replyDocSchema)
  reply(@Param(new ZodValidationPipe(idSchema)) params: { id: string }, @Body() body: unknown): Promise<ConversationWithMessages> {
    expectJsonBody(body);
    const { agentName, text } = parseWith(this.replySchema, body, 'body');
    return this.conversations.agentReply(params.id, agentName, text);
  }

  @Roles('agent')
  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the conversation resolved by the agent' })
  @ApiZodBody(agentSchema)
  resolve(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @Body(new ZodValidationPipe(agentSchema)) body: z.infer<typeof agentSchema>,
  ): Promise<ConversationWithMessages> {
    return this.conversations.resolve(params.id, body.agentName);
  }

  @Roles('agent')
  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the conversation back to the bot' })
  release(@Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<ConversationWithMessages> {
    return this.conversations.release(params.id);
  }
}
