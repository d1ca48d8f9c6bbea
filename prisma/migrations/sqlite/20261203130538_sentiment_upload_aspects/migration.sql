-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SentimentUpload" (
    "jobId" TEXT NOT NULL PRIMARY KEY,
    "filename" TEXT,
    "column" TEXT NOT NULL,
    "hasHeader" BOOLEAN NOT NULL,
    "source" TEXT,
    "rows" TEXT NOT NULL,
    "rejected" TEXT NOT NULL DEFAULT '[]',
    "aspects" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_SentimentUpload" ("column", "createdAt", "filename", "hasHeader", "jobId", "rejected", "rows", "source") SELECT "column", "createdAt", "filename", "hasHeader", "jobId", "rejected", "rows", "source" FROM "SentimentUpload";
DROP TABLE "SentimentUpload";
ALTER TABLE "new_SentimentUpload" RENAME TO "SentimentUpload";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
