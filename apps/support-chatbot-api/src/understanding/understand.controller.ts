import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, HTTP_STATUS_PARAM, ZodValidationPipe, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { MAX_UNDERSTAND_TEXTS } from '../config/chatbot-config';
import { IntentModelService } from '../model/intent-model.service';
import type { DecisionRule } from './intent-decision';
import { UnderstandingService, type Understanding } from './understanding.service';

const understandSchema = z.object({
  texts: z
    .array(z.string({ error: 'every text must be a string' }).trim().min(1, 'texts must not be blank').max(1000, 'a text may be at most 1000 characters'), {
      error: 'texts must be an array of strings',
    })
    .min(1, 'texts must hold at least one text')
    .superRefine((texts, ctx) => {
      if (texts.length > MAX_UNDERSTAND_TEXTS)
        ctx.addIssue({ code: 'custom', message: `at most ${MAX_UNDERSTAND_TEXTS} texts per call, got ${texts.length}`, params: { [HTTP_STATUS_PARAM]: 413 } });
    }),
});

export type UnderstandResult = Omit<Understanding, 'embedding'>;

/** The bot's pipeline without a conversation: what evaluation and the KB admin's "try it" use. */
@ApiTags('understanding')
@Controller('api/understand')
export class UnderstandController {
  constructor(
    private readonly understanding: UnderstandingService,
    private readonly models: IntentModelService,
  ) {}

  @Roles('analyst')
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: `What the bot would do with 1..${MAX_UNDERSTAND_TEXTS} questions: intent, top intents, decision (answer/clarify/handoff) with reason, cited passage. Nothing is stored.`,
  })
  @ApiZodBody(understandSchema)
  async understand(@Body(new ZodValidationPipe(understandSchema)) body: z.infer<typeof understandSchema>): Promise<{ results: UnderstandResult[] }> {
    const results = await this.understanding.understand(body.texts);
    return { results: results.map(({ embedding: _embedding, ...rest }) => rest) };
  }

  @Roles('viewer')
  @Get('model')
  @ApiOperation({ summary: 'The intent classifier in use: version, members and weights, decision rule, serving status' })
  model(): {
    version: string;
    model: string;
    labels: number;
    members: Array<{ model: string; weight: number }>;
    rule: DecisionRule;
    served: boolean;
    reason?: string;
  } {
    const artifact = this.models.classifier();
    const status = this.models.status();
    return {
      version: artifact.version,
      model: artifact.config.model,
      labels: artifact.config.labels.length,
      members: artifact.config.members.map((m) => ({ model: m.model, weight: m.weight })),
      rule: this.understanding.rule(),
      served: status.ok,
      ...(status.reason ? { reason: status.reason } : {}),
    };
  }
}
