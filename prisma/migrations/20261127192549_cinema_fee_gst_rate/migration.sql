-- AlterTable
ALTER TABLE "Cinema" ADD COLUMN     "feeGstRatePercent" INTEGER NOT NULL DEFAULT 18;

-- The GST rates in force for services (FEE_GST_RATES in shared/src/gst.ts); anything else is a typo.
ALTER TABLE "Cinema" ADD CONSTRAINT "Cinema_feeGstRatePercent_check" CHECK ("feeGstRatePercent" IN (0, 5, 18, 40));
