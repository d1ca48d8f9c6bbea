import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DbClient } from '@matrix/db';
import { AuditLog, CurrentStaff, InjectDb, notFound, Roles, ZodValidationPipe, type StaffPrincipal } from '@matrix/product-server';
import { z } from 'zod';
import { deleteConversations } from './chatbot-privacy';

const idSchema = z.object({ id: z.string().min(1).max(100) });

/** Erasure on request (issue 14): one conversation and everything of it, gone from the database. */
@ApiTags('privacy')
@Controller('api/privacy')
export class ChatbotErasureController {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly audit: AuditLog,
  ) {}

  @Delete('conversations/:id')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Erase one conversation: the conversation and all its messages (admin; recorded in the audit log by id)' })
  async eraseConversation(
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @CurrentStaff() staff: StaffPrincipal | null,
  ): Promise<{ erased: { conversations: number; messages: number } }> {
    const erased = await deleteConversations(this.db, [params.id]);
    if (erased.conversations === 0) throw notFound('conversation', params.id);
    await this.audit.record(staff, 'data.erased', `conversation:${params.id}`, { kind: 'conversation', ...erased });
    return { erased };
  }
}
