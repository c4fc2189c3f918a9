-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "reconcileAfter" TIMESTAMPTZ(3),
ADD COLUMN     "reconcileAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reconciledAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Booking_status_reconcileAfter_idx" ON "Booking"("status", "reconcileAfter");
