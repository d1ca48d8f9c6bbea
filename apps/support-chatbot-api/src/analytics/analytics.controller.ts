import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, ZodValidationPipe, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { AnalyticsService, type Analytics } from './analytics.service';

const DAY_MS = 86_400_000;
const date = (name: string) => z.coerce.date({ error: `${name} must be a date (ISO 8601, e.g. 2026-11-01)` }).optional();
const rangeSchema = z
  .object({ from: date('from'), to: date('to') })
  .transform((v) => {
    const to = v.to ?? new Date();
    return { from: v.from ?? new Date(to.getTime() - 30 * DAY_MS), to };
  })
  .refine((r) => r.from <= r.to, { message: 'from must not be after to' })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 366 * DAY_MS, { message: 'the range may span at most 366 days' });

@ApiTags('analytics')
@Controller('api/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Roles('viewer')
  @Get()
  @ApiOperation({
    summary:
      'Containment (deflection) and handoff rates, handoff reasons, top intents, feedback, daily series and knowledge-base gaps (unanswered questions grouped) for conversations started in [from, to] (default: the last 30 days)',
  })
  @ApiZodQuery(z.object({ from: z.string().optional(), to: z.string().optional() }))
  summary(@Query(new ZodValidationPipe(rangeSchema)) range: z.infer<typeof rangeSchema>): Promise<Analytics> {
    return this.analytics.summary(range);
  }
}
