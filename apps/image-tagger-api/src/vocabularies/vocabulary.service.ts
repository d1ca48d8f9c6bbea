import { Injectable } from '@nestjs/common';
import { type DbClient, Prisma } from '@matrix/db';
import { ApiError, InjectDb, notFound } from '@matrix/product-server';
import type { VocabularyView } from '@matrix/image-tagger-contract';
import type { Vocabulary } from '../tags/tagger.service';

export type { VocabularyView };

/** Custom tag lists for zero-shot tagging (Immich-style smart tags), stored by name. */
@Injectable()
export class VocabularyService {
  constructor(@InjectDb() private readonly db: DbClient) {}

  async create(name: string, labels: string[]): Promise<VocabularyView> {
    try {
      return toView(await this.db.imageTaggerVocabulary.create({ data: { name, labels: JSON.stringify(labels) } }));
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw new ApiError(409, 'vocabulary_exists', `a vocabulary named '${name}' exists; pick another name or delete it first`);
      throw error;
    }
  }

  async list(): Promise<VocabularyView[]> {
    return (await this.db.imageTaggerVocabulary.findMany({ orderBy: { name: 'asc' }, take: 500 })).map(toView);
  }

  /** The vocabulary a zero-shot run names (422 when none is named, 404 when it does not exist). */
  async require(name: string | undefined): Promise<Vocabulary> {
    if (!name) throw new ApiError(422, 'vocabulary_required', 'the zero-shot feature needs vocabulary=<name> (create one with POST /api/vocabularies)');
    const row = await this.db.imageTaggerVocabulary.findUnique({ where: { name } });
    if (!row) throw notFound('vocabulary', name);
    return toView(row);
  }

  async delete(name: string): Promise<void> {
    const { count } = await this.db.imageTaggerVocabulary.deleteMany({ where: { name } });
    if (!count) throw notFound('vocabulary', name);
  }
}

function toView(row: { id: string; name: string; labels: string; createdAt: Date }): VocabularyView {
  return { id: row.id, name: row.name, labels: JSON.parse(row.labels) as string[], createdAt: row.createdAt.toISOString() };
}
