import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ZodValidationPipe } from '@matrix/product-server';
import type { Analysis } from './analysis-dto';
import { AnalysisService } from './analysis.service';
import { analyzeSchema, batchDocSchema, batchSchema, type AnalyzeBody, type BatchBody } from './analyze-schemas';

@ApiTags('analyze')
@Controller('api/analyze')
export class AnalyzeController {
  constructor(private readonly analyses: AnalysisService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Analyse one text (1..20,000 characters): label, score, magnitude, per-sentence results; stored' })
  @ApiZodBody(analyzeSchema)
  async analyze(@Body(new ZodValidationPipe(analyzeSchema)) body: AnalyzeBody): Promise<Analysis> {
    const [analysis] = await this.analyses.analyze([body.text], body.source ?? null, 'analyze');
    return analysis;
  }

  @Post('batch')
  @HttpCode(201)
  @ApiOperation({ summary: 'Analyse 1..100 texts in one call (413 beyond); stored all or nothing' })
  @ApiZodBody(batchDocSchema)
  async batch(@Body(new ZodValidationPipe(batchSchema)) body: BatchBody): Promise<{ results: Analysis[] }> {
    return { results: await this.analyses.analyze(body.texts, body.source ?? null, 'batch') };
  }
}
