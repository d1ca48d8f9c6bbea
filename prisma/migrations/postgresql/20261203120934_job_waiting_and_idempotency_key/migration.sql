/*
  Warnings:

  - A unique constraint covering the columns `[product,idempotencyKey]` on the table `Job` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "waiting" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Job_product_idempotencyKey_key" ON "Job"("product", "idempotencyKey");
