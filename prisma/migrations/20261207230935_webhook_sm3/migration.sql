-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "signWithSm3" BOOLEAN NOT NULL DEFAULT false;
