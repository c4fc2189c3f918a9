-- AlterTable
ALTER TABLE "SeatBlock" ADD COLUMN     "groupId" UUID;

-- CreateIndex
CREATE INDEX "SeatBlock_groupId_idx" ON "SeatBlock"("groupId");
