import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@matrix/product-contract';
import { z } from 'zod';
import { Roles } from '../auth/access';
import { paginationShape } from '../pagination/pagination';
import { ApiZodQuery } from '../validation/openapi-zod';
import { ZodValidationPipe } from '../validation/zod-validation';
import { AuditLog, type AuditEntryView } from './audit-log.service';

const auditQuery = z.object({
  action: z.string().trim().min(1).max(100).optional().describe('Only entries of this action, e.g. data.erased'),
  ...paginationShape(),
});

/** GET /api/audit in every product API: who did what, when (admins only). */
@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The audit log of staff actions, newest first; filter by action; paginated (admin)' })
  @ApiZodQuery(auditQuery)
  list(@Query(new ZodValidationPipe(auditQuery)) query: z.infer<typeof auditQuery>): Promise<Page<AuditEntryView>> {
    return this.audit.page(query);
  }
}
