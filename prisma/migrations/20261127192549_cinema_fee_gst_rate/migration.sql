-- AlterTable
ALTER TABLE "Cinema" ADD COLUMN     "feeGstRatePercent" INTEGER NOT NULL DEFAULT 18;
