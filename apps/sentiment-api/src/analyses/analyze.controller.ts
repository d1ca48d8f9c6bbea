import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiZodBody, ZodValidationPipe, Roles } from '@matrix/product-server';
import type { TargetsResponse } from '@matrix/sentiment-contract';
import { findAspect, type AspectSpan } from '../aspects/aspect-extractor';
import { AspectScorer } from '../aspects/aspect-scorer';
import type { Analysis } from './analysis-dto';
import { AnalysisService } from './analysis.service';
import { analyzeSchema, batchDocSchema, batchSchema, targetsSchema, type AnalyzeBody, type BatchBody, type TargetsBody } from './analyze-schemas';

@ApiTags('analyze')
@Controller('api/analyze')
export class AnalyzeController {
  constructor(
    private readonly analyses: AnalysisService,
    private readonly aspectScorer: AspectScorer,
  ) {}

  @Roles('analyst')
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Analyse one text (1..20,000 characters): label, score, magnitude, per-sentence results; stored. With targets: true also the aspects (noun phrases) and the sentiment toward each',
  })
  @ApiZodBody(analyzeSchema)
  async analyze(@Body(new ZodValidationPipe(analyzeSchema)) body: AnalyzeBody): Promise<Analysis> {
    // Aspects first: when they fail, nothing is stored.
    const aspects = body.targets ? (await this.aspectScorer.extractAndScore(body.text, 'interactive')).aspects : undefined;
    const [analysis] = await this.analyses.analyze([body.text], body.source ?? null, 'analyze', aspects ? [aspects] : undefined);
    return aspects ? { ...analysis, aspects } : analysis;
  }

  @Roles('analyst')
  @Post('targets')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Targeted sentiment: the sentiment toward each given aspect of a text (phrases found as whole words, or spans); not stored',
  })
  @ApiZodBody(targetsSchema)
  async targets(@Body(new ZodValidationPipe(targetsSchema)) body: TargetsBody): Promise<TargetsResponse> {
    const spans: AspectSpan[] = [];
    const missing: string[] = [];
    for (const aspect of body.aspects) {
      if (typeof aspect !== 'string') {
        spans.push({ text: body.text.slice(aspect.start, aspect.end), start: aspect.start, end: aspect.end });
        continue;
      }
      const found = findAspect(body.text, aspect);
      if (found.length === 0) missing.push(aspect);
      spans.push(...found);
    }
    if (missing.length) throw new ApiError(422, 'aspect_not_found', `not in the text: ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
    const scored = await this.aspectScorer.score(body.text, spans, 'interactive');
    return { text: body.text, aspects: scored.aspects, model: scored.model, modelVersion: scored.modelVersion ?? '' };
  }

  @Roles('analyst')
  @Post('batch')
  @HttpCode(201)
  @ApiOperation({ summary: 'Analyse 1..100 texts in one call (413 beyond); stored all or nothing' })
  @ApiZodBody(batchDocSchema)
  async batch(@Body(new ZodValidationPipe(batchSchema)) body: BatchBody): Promise<{ results: Analysis[] }> {
    return { results: await this.analyses.analyze(body.texts, body.source ?? null, 'batch') };
  }
}
