-- CreateTable
CREATE TABLE "RecommenderUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attributes" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RecommenderItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "categories" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RecommenderItemCategory" (
    "itemId" TEXT NOT NULL,
    "category" TEXT NOT NULL,

    PRIMARY KEY ("itemId", "category"),
    CONSTRAINT "RecommenderItemCategory_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RecommenderItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecommenderInteraction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" REAL,
    "occurredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecommenderInteraction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "RecommenderUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecommenderInteraction_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RecommenderItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecommenderModelVersion" (
    "version" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT,
    "ranker" TEXT NOT NULL,
    "counts" TEXT NOT NULL,
    "metrics" TEXT NOT NULL DEFAULT '{}',
    "params" TEXT NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RecommenderItemCategory_category_idx" ON "RecommenderItemCategory"("category");

-- CreateIndex
CREATE INDEX "RecommenderInteraction_userId_occurredAt_idx" ON "RecommenderInteraction"("userId", "occurredAt");

-- CreateIndex
CREATE INDEX "RecommenderInteraction_itemId_idx" ON "RecommenderInteraction"("itemId");

-- CreateIndex
CREATE INDEX "RecommenderModelVersion_createdAt_idx" ON "RecommenderModelVersion"("createdAt");
