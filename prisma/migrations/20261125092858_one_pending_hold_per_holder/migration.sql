-- DropIndex
DROP INDEX "Booking_holder_showtimeId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Booking_one_pending_hold_key" ON "Booking"("holder", "showtimeId") WHERE (status = 'PENDING');
