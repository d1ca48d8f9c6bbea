-- CreateTable
CREATE TABLE "SentimentAnalysis" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "text" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "magnitude" REAL NOT NULL,
    "positiveProbability" REAL NOT NULL,
    "sentences" TEXT NOT NULL,
    "sentenceCount" INTEGER NOT NULL,
    "source" TEXT,
    "jobId" TEXT,
    "rowNumber" INTEGER,
    "model" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SentimentUpload" (
    "jobId" TEXT NOT NULL PRIMARY KEY,
    "filename" TEXT,
    "column" TEXT NOT NULL,
    "hasHeader" BOOLEAN NOT NULL,
    "source" TEXT,
    "rows" TEXT NOT NULL,
    "rejected" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SentimentAnalysis_createdAt_idx" ON "SentimentAnalysis"("createdAt");

-- CreateIndex
CREATE INDEX "SentimentAnalysis_label_createdAt_idx" ON "SentimentAnalysis"("label", "createdAt");

-- CreateIndex
CREATE INDEX "SentimentAnalysis_source_createdAt_idx" ON "SentimentAnalysis"("source", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SentimentAnalysis_jobId_rowNumber_key" ON "SentimentAnalysis"("jobId", "rowNumber");
