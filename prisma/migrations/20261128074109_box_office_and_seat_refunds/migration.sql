-- CreateEnum
CREATE TYPE "RefundMethod" AS ENUM ('RAZORPAY', 'CASH');

-- AlterEnum
ALTER TYPE "BookingStatus" ADD VALUE 'EXCHANGED';

-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'BOX_OFFICE';

-- AlterEnum
ALTER TYPE "PaymentMethod" ADD VALUE 'CASH';

-- DropIndex
DROP INDEX "Refund_razorpayPaymentId_key";

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "complimentaryReason" TEXT,
ADD COLUMN     "creditPaise" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "replacesBookingId" UUID,
ADD COLUMN     "soldById" UUID;

-- AlterTable
ALTER TABLE "BookingSeat" ADD COLUMN     "refundId" UUID;

-- AlterTable
ALTER TABLE "PaymentAttempt" ADD COLUMN     "recordedById" UUID,
ADD COLUMN     "shiftId" UUID,
ALTER COLUMN "razorpayOrderId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Refund" ADD COLUMN     "feePaise" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "method" "RefundMethod" NOT NULL DEFAULT 'RAZORPAY',
ADD COLUMN     "paymentId" UUID,
ADD COLUMN     "shiftId" UUID,
ALTER COLUMN "razorpayPaymentId" DROP NOT NULL;

-- Every refund so far gave back one whole Razorpay payment, recorded as its payment attempt.
UPDATE "Refund" r SET "paymentId" = pa.id, "idempotencyKey" = 'payment:' || r."razorpayPaymentId"
  FROM "PaymentAttempt" pa WHERE pa."razorpayPaymentId" = r."razorpayPaymentId";
ALTER TABLE "Refund" ALTER COLUMN "paymentId" SET NOT NULL;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "voidedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "CashShift" (
    "id" UUID NOT NULL,
    "cinemaId" UUID NOT NULL,
    "openedById" UUID NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "floatPaise" INTEGER NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "closedById" UUID,
    "expectedPaise" INTEGER,
    "countedPaise" INTEGER,
    "note" TEXT,

    CONSTRAINT "CashShift_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CashShift_cinemaId_openedAt_idx" ON "CashShift"("cinemaId", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CashShift_one_open_key" ON "CashShift"("openedById") WHERE ("closedAt" IS NULL);

-- CreateIndex
CREATE INDEX "Booking_replacesBookingId_idx" ON "Booking"("replacesBookingId");

-- CreateIndex
CREATE INDEX "PaymentAttempt_shiftId_idx" ON "PaymentAttempt"("shiftId");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_idempotencyKey_key" ON "Refund"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Refund_paymentId_idx" ON "Refund"("paymentId");

-- CreateIndex
CREATE INDEX "Refund_razorpayPaymentId_idx" ON "Refund"("razorpayPaymentId");

-- CreateIndex
CREATE INDEX "Refund_shiftId_idx" ON "Refund"("shiftId");

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_replacesBookingId_fkey" FOREIGN KEY ("replacesBookingId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_soldById_fkey" FOREIGN KEY ("soldById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingSeat" ADD CONSTRAINT "BookingSeat_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "Refund"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAttempt" ADD CONSTRAINT "PaymentAttempt_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "CashShift"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAttempt" ADD CONSTRAINT "PaymentAttempt_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "PaymentAttempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "CashShift"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CashShift" ADD CONSTRAINT "CashShift_cinemaId_fkey" FOREIGN KEY ("cinemaId") REFERENCES "Cinema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CashShift" ADD CONSTRAINT "CashShift_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CashShift" ADD CONSTRAINT "CashShift_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;
