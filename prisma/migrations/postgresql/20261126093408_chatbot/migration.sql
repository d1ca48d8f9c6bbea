-- CreateTable
CREATE TABLE "ChatbotArticle" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "intent" TEXT,
    "category" TEXT,
    "contentHash" TEXT NOT NULL,
    "indexStatus" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatbotArticle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatbotChunk" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "heading" TEXT,
    "text" TEXT NOT NULL,
    "embedding" BYTEA,
    "dimensions" INTEGER,
    "embeddingModel" TEXT,
    "embeddingVersion" TEXT,

    CONSTRAINT "ChatbotChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatbotConversation" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'bot',
    "customerName" TEXT,
    "handoffReason" TEXT,
    "handoffAt" TIMESTAMP(3),
    "agentName" TEXT,
    "takenOverAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatbotConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatbotMessage" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'answered',
    "decision" TEXT,
    "reason" TEXT,
    "intent" TEXT,
    "confidence" DOUBLE PRECISION,
    "topIntents" TEXT,
    "articleId" TEXT,
    "chunkId" TEXT,
    "similarity" DOUBLE PRECISION,
    "citationTitle" TEXT,
    "suggestions" TEXT,
    "feedback" TEXT,
    "modelVersion" TEXT,
    "embedding" BYTEA,
    "agentName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatbotMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChatbotArticle_slug_key" ON "ChatbotArticle"("slug");

-- CreateIndex
CREATE INDEX "ChatbotArticle_intent_idx" ON "ChatbotArticle"("intent");

-- CreateIndex
CREATE INDEX "ChatbotArticle_updatedAt_idx" ON "ChatbotArticle"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChatbotChunk_articleId_position_key" ON "ChatbotChunk"("articleId", "position");

-- CreateIndex
CREATE INDEX "ChatbotConversation_status_lastMessageAt_idx" ON "ChatbotConversation"("status", "lastMessageAt");

-- CreateIndex
CREATE INDEX "ChatbotConversation_createdAt_idx" ON "ChatbotConversation"("createdAt");

-- CreateIndex
CREATE INDEX "ChatbotMessage_conversationId_createdAt_idx" ON "ChatbotMessage"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "ChatbotMessage_role_decision_createdAt_idx" ON "ChatbotMessage"("role", "decision", "createdAt");

-- CreateIndex
CREATE INDEX "ChatbotMessage_status_idx" ON "ChatbotMessage"("status");

-- AddForeignKey
ALTER TABLE "ChatbotChunk" ADD CONSTRAINT "ChatbotChunk_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "ChatbotArticle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatbotMessage" ADD CONSTRAINT "ChatbotMessage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "ChatbotConversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
