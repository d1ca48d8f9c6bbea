import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ZodValidationPipe, Roles } from '@matrix/product-server';
import { z } from 'zod';
import { tagName } from '../images/query-schemas';
import { VocabularyService, type VocabularyView } from './vocabulary.service';

const nameSchema = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(100)
  .regex(/^[a-z0-9][\w .-]*$/i, 'name starts with a letter or digit and may use letters, digits, spaces, dot, dash and underscore')
  .refine((name) => !name.includes('..'), 'name must not contain ".."');
const createSchema = z.strictObject({
  name: nameSchema,
  labels: z
    .array(tagName)
    .min(2, 'a vocabulary needs at least two labels (zero-shot picks among them)')
    .max(100, 'at most 100 labels')
    .refine((labels) => new Set(labels).size === labels.length, 'labels must be distinct'),
});

@ApiTags('vocabularies')
@Controller('api/vocabularies')
export class VocabulariesController {
  constructor(private readonly vocabularies: VocabularyService) {}

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Create a zero-shot vocabulary {name, labels[]} (used with features=zero-shot&vocabulary=<name>; needs CLIP in the gateway)' })
  @ApiZodBody(createSchema)
  create(@Body(new ZodValidationPipe(createSchema)) body: z.infer<typeof createSchema>): Promise<VocabularyView> {
    return this.vocabularies.create(body.name, body.labels);
  }

  @Roles('viewer')
  @Get()
  @ApiOperation({ summary: 'Every vocabulary' })
  async list(): Promise<{ items: VocabularyView[] }> {
    return { items: await this.vocabularies.list() };
  }

  @Roles('admin')
  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a vocabulary (tags it produced stay)' })
  delete(@Param('name', new ZodValidationPipe(nameSchema)) name: string): Promise<void> {
    return this.vocabularies.delete(name);
  }
}
