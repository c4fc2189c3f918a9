-- AlterTable
ALTER TABLE "Refund" ADD COLUMN     "sendAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sendLeaseUntil" TIMESTAMPTZ(3);
