-- AlterTable
ALTER TABLE "SentimentUpload" ADD COLUMN     "aspects" BOOLEAN NOT NULL DEFAULT false;
