-- CreateEnum
CREATE TYPE "TicketPrintKind" AS ENUM ('SALE', 'COLLECT', 'REPRINT');

-- CreateTable
CREATE TABLE "TicketPrint" (
    "id" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "kioskId" UUID NOT NULL,
    "kind" "TicketPrintKind" NOT NULL,
    "ok" BOOLEAN,
    "errorCode" TEXT,
    "requestedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TicketPrint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TicketPrint_bookingId_createdAt_idx" ON "TicketPrint"("bookingId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TicketPrint_one_collect_key" ON "TicketPrint"("bookingId") WHERE (kind = 'COLLECT' AND ok IS NOT FALSE);

-- AddForeignKey
ALTER TABLE "TicketPrint" ADD CONSTRAINT "TicketPrint_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketPrint" ADD CONSTRAINT "TicketPrint_kioskId_fkey" FOREIGN KEY ("kioskId") REFERENCES "Kiosk"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketPrint" ADD CONSTRAINT "TicketPrint_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;
