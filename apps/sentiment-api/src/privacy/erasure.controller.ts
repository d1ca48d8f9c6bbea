import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DbClient } from '@matrix/db';
import { AuditLog, CurrentStaff, InjectDb, notFound, Roles, ZodValidationPipe, type StaffPrincipal } from '@matrix/product-server';
import { z } from 'zod';
import { deleteAnalyses } from './sentiment-privacy';

const idSchema = z.object({ id: z.string().min(1).max(100) });

/** Erasure on request (issue 14): one analysis and its aspects, gone from the database. */
@ApiTags('privacy')
@Controller('api/privacy')
export class SentimentErasureController {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly audit: AuditLog,
  ) {}

  @Delete('analyses/:id')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Erase one analysis and its aspects (admin; recorded in the audit log by id)' })
  async eraseAnalysis(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @CurrentStaff() staff: StaffPrincipal | null,
  ): Promise<{ erased: { analyses: number; aspects: number } }> {
    const erased = await deleteAnalyses(this.db, [params.id]);
    if (erased.analyses === 0) throw notFound('analysis', params.id);
    await this.audit.record(staff, 'data.erased', `analysis:${params.id}`, { kind: 'analysis', ...erased });
    return { erased };
  }
}
