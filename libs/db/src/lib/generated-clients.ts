// The one bridge to the generated Prisma clients in ../generated/<provider> (gitignored,
// rebuilt by `node tools/prisma-offline/cli.mjs generate`, which postinstall runs).
export { Prisma, PrismaClient as SqlitePrismaClient, type Job } from '../generated/sqlite/client';
export { PrismaClient as PostgresPrismaClient } from '../generated/postgresql/client';
