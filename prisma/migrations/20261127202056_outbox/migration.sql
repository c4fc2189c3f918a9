-- CreateEnum
CREATE TYPE "OutboxKind" AS ENUM ('RECEIPT', 'REMINDER');

-- CreateTable
CREATE TABLE "OutboxEntry" (
    "id" UUID NOT NULL,
    "kind" "OutboxKind" NOT NULL,
    "bookingId" UUID NOT NULL,
    "jobId" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "enqueuedAt" TIMESTAMPTZ(3),
    "relayCount" INTEGER NOT NULL DEFAULT 0,
    "doneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEntry_jobId_key" ON "OutboxEntry"("jobId");

-- CreateIndex
CREATE INDEX "OutboxEntry_waiting_idx" ON "OutboxEntry"("dueAt") WHERE ("doneAt" IS NULL);

-- CreateIndex
CREATE INDEX "OutboxEntry_bookingId_idx" ON "OutboxEntry"("bookingId");

-- AddForeignKey
ALTER TABLE "OutboxEntry" ADD CONSTRAINT "OutboxEntry_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
