-- AlterTable
ALTER TABLE "ChatbotConversation" ADD COLUMN "accessTokenHash" TEXT;
