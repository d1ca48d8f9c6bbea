-- CreateTable
CREATE TABLE "ImageTaggerImage" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "filename" TEXT,
    "format" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "collection" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "classifierModel" TEXT,
    "classifierVersion" TEXT,
    "detectorModel" TEXT,
    "detectorVersion" TEXT,
    "taggedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImageTaggerImage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImageTaggerTag" (
    "id" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "wnid" TEXT,
    "boxes" TEXT,
    "via" TEXT,
    "status" TEXT NOT NULL DEFAULT 'suggested',
    "vocabulary" TEXT,
    "model" TEXT,
    "modelVersion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "ImageTaggerTag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImageTaggerThreshold" (
    "tag" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "origin" TEXT NOT NULL,
    "confirmed" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImageTaggerThreshold_pkey" PRIMARY KEY ("tag")
);

-- CreateTable
CREATE TABLE "ImageTaggerVocabulary" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImageTaggerVocabulary_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImageTaggerImage_sha256_key" ON "ImageTaggerImage"("sha256");

-- CreateIndex
CREATE INDEX "ImageTaggerImage_createdAt_idx" ON "ImageTaggerImage"("createdAt");

-- CreateIndex
CREATE INDEX "ImageTaggerImage_status_createdAt_idx" ON "ImageTaggerImage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ImageTaggerImage_collection_createdAt_idx" ON "ImageTaggerImage"("collection", "createdAt");

-- CreateIndex
CREATE INDEX "ImageTaggerImage_classifierVersion_idx" ON "ImageTaggerImage"("classifierVersion");

-- CreateIndex
CREATE INDEX "ImageTaggerTag_name_confidence_idx" ON "ImageTaggerTag"("name", "confidence");

-- CreateIndex
CREATE INDEX "ImageTaggerTag_status_reviewedAt_idx" ON "ImageTaggerTag"("status", "reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ImageTaggerTag_imageId_name_source_key" ON "ImageTaggerTag"("imageId", "name", "source");

-- CreateIndex
CREATE UNIQUE INDEX "ImageTaggerVocabulary_name_key" ON "ImageTaggerVocabulary"("name");

-- AddForeignKey
ALTER TABLE "ImageTaggerTag" ADD CONSTRAINT "ImageTaggerTag_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "ImageTaggerImage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
