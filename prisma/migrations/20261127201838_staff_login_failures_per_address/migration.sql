-- AlterTable
ALTER TABLE "StaffUser" DROP COLUMN "failedLogins",
DROP COLUMN "lockedUntil";

-- CreateTable
CREATE TABLE "StaffLoginFailure" (
    "userId" UUID NOT NULL,
    "ip" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailedAt" TIMESTAMPTZ(3) NOT NULL,
    "blockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "StaffLoginFailure_pkey" PRIMARY KEY ("userId","ip")
);

-- CreateIndex
CREATE INDEX "StaffLoginFailure_lastFailedAt_idx" ON "StaffLoginFailure"("lastFailedAt");

-- AddForeignKey
ALTER TABLE "StaffLoginFailure" ADD CONSTRAINT "StaffLoginFailure_userId_fkey" FOREIGN KEY ("userId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;
