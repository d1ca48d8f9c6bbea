import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DbClient } from '@matrix/db';
import { AuditLog, CurrentStaff, InjectDb, notFound, Roles, ZodValidationPipe, type StaffPrincipal } from '@matrix/product-server';
import { z } from 'zod';
import { externalId } from '../catalog/catalog-schemas';
import { deleteUser } from './recommender-privacy';

const idParams = z.object({ id: externalId('id') });

/** Erasure on request (issue 14): one user and all their events, gone from the database. */
@ApiTags('privacy')
@Controller('api/privacy')
export class RecommenderErasureController {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly audit: AuditLog,
  ) {}

  @Delete('users/:id')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Erase one user and every event of theirs (admin; recorded in the audit log by id)',
    description: 'Trained model versions keep what they learnt from the user until the next training (see docs/ops.md).',
  })
  async eraseUser(
    @Param(new ZodValidationPipe(idParams)) params: { id: string },
    @CurrentStaff() staff: StaffPrincipal | null,
  ): Promise<{ erased: { users: number; events: number } }> {
    const erased = await deleteUser(this.db, params.id);
    if (erased.users === 0 && erased.events === 0) throw notFound('user', params.id);
    await this.audit.record(staff, 'data.erased', `user:${params.id}`, { kind: 'recommender-user', ...erased });
    return { erased };
  }
}
