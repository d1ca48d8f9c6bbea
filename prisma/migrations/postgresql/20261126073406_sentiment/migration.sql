-- CreateTable
CREATE TABLE "SentimentAnalysis" (
    "id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "magnitude" DOUBLE PRECISION NOT NULL,
    "positiveProbability" DOUBLE PRECISION NOT NULL,
    "sentences" TEXT NOT NULL,
    "sentenceCount" INTEGER NOT NULL,
    "source" TEXT,
    "jobId" TEXT,
    "rowNumber" INTEGER,
    "model" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentimentAnalysis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentimentUpload" (
    "jobId" TEXT NOT NULL,
    "filename" TEXT,
    "column" TEXT NOT NULL,
    "hasHeader" BOOLEAN NOT NULL,
    "source" TEXT,
    "rows" TEXT NOT NULL,
    "rejected" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentimentUpload_pkey" PRIMARY KEY ("jobId")
);

-- CreateIndex
CREATE INDEX "SentimentAnalysis_createdAt_idx" ON "SentimentAnalysis"("createdAt");

-- CreateIndex
CREATE INDEX "SentimentAnalysis_label_createdAt_idx" ON "SentimentAnalysis"("label", "createdAt");

-- CreateIndex
CREATE INDEX "SentimentAnalysis_source_createdAt_idx" ON "SentimentAnalysis"("source", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SentimentAnalysis_jobId_rowNumber_key" ON "SentimentAnalysis"("jobId", "rowNumber");
