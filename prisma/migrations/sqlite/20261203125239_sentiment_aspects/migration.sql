-- CreateTable
CREATE TABLE "SentimentAspect" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "analysisId" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "contextStart" INTEGER NOT NULL,
    "contextEnd" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "source" TEXT
);

-- CreateIndex
CREATE INDEX "SentimentAspect_createdAt_idx" ON "SentimentAspect"("createdAt");

-- CreateIndex
CREATE INDEX "SentimentAspect_term_createdAt_idx" ON "SentimentAspect"("term", "createdAt");

-- CreateIndex
CREATE INDEX "SentimentAspect_analysisId_idx" ON "SentimentAspect"("analysisId");
