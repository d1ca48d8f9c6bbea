import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DbClient } from '@matrix/db';
import { AuditLog, CurrentStaff, InjectDb, notFound, Roles, ZodValidationPipe, type StaffPrincipal } from '@matrix/product-server';
import { z } from 'zod';
import { ImageStore } from '../storage/image-store';
import { deleteImages } from './image-tagger-privacy';

const idSchema = z.object({ id: z.string().min(1).max(100) });

/** Erasure on request (issue 14): one image, its tags and its files. */
@ApiTags('privacy')
@Controller('api/privacy')
export class ImageTaggerErasureController {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly store: ImageStore,
    private readonly audit: AuditLog,
  ) {}

  @Delete('images/:id')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Erase one image: its row, its tags, its original and thumbnail files (admin; recorded in the audit log by id)' })
  async eraseImage(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @CurrentStaff() staff: StaffPrincipal | null,
  ): Promise<{ erased: { images: number; tags: number; files: number } }> {
    const erased = await deleteImages(this.db, this.store, [params.id]);
    if (erased.images === 0) throw notFound('image', params.id);
    await this.audit.record(staff, 'data.erased', `image:${params.id}`, { kind: 'image', ...erased });
    return { erased };
  }
}
