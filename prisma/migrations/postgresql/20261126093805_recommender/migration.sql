-- CreateTable
CREATE TABLE "RecommenderUser" (
    "id" TEXT NOT NULL,
    "attributes" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommenderUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommenderItem" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "categories" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecommenderItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommenderItemCategory" (
    "itemId" TEXT NOT NULL,
    "category" TEXT NOT NULL,

    CONSTRAINT "RecommenderItemCategory_pkey" PRIMARY KEY ("itemId","category")
);

-- CreateTable
CREATE TABLE "RecommenderInteraction" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommenderInteraction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommenderModelVersion" (
    "version" TEXT NOT NULL,
    "jobId" TEXT,
    "ranker" TEXT NOT NULL,
    "counts" TEXT NOT NULL,
    "metrics" TEXT NOT NULL DEFAULT '{}',
    "params" TEXT NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommenderModelVersion_pkey" PRIMARY KEY ("version")
);

-- CreateIndex
CREATE INDEX "RecommenderItemCategory_category_idx" ON "RecommenderItemCategory"("category");

-- CreateIndex
CREATE INDEX "RecommenderInteraction_userId_occurredAt_idx" ON "RecommenderInteraction"("userId", "occurredAt");

-- CreateIndex
CREATE INDEX "RecommenderInteraction_itemId_idx" ON "RecommenderInteraction"("itemId");

-- CreateIndex
CREATE INDEX "RecommenderModelVersion_createdAt_idx" ON "RecommenderModelVersion"("createdAt");

-- AddForeignKey
ALTER TABLE "RecommenderItemCategory" ADD CONSTRAINT "RecommenderItemCategory_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RecommenderItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommenderInteraction" ADD CONSTRAINT "RecommenderInteraction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "RecommenderUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommenderInteraction" ADD CONSTRAINT "RecommenderInteraction_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RecommenderItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
