-- CreateEnum
CREATE TYPE "KioskUpdateState" AS ENUM ('IDLE', 'CHECKING', 'DOWNLOADING', 'DOWNLOADED', 'INSTALLING', 'ERROR');

-- AlterTable
ALTER TABLE "Kiosk" ADD COLUMN     "updateError" TEXT,
ADD COLUMN     "updateState" "KioskUpdateState",
ADD COLUMN     "updateVersion" TEXT;

-- CreateTable
CREATE TABLE "KioskRelease" (
    "id" UUID NOT NULL,
    "cinemaId" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "notes" TEXT,
    "files" JSONB NOT NULL,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KioskRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KioskRollout" (
    "cinemaId" UUID NOT NULL,
    "stableReleaseId" UUID,
    "previousReleaseId" UUID,
    "candidateReleaseId" UUID,
    "candidatePercent" INTEGER NOT NULL DEFAULT 0,
    "candidateKioskIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KioskRollout_pkey" PRIMARY KEY ("cinemaId")
);

-- CreateIndex
CREATE UNIQUE INDEX "KioskRelease_cinemaId_version_key" ON "KioskRelease"("cinemaId", "version");

-- AddForeignKey
ALTER TABLE "KioskRelease" ADD CONSTRAINT "KioskRelease_cinemaId_fkey" FOREIGN KEY ("cinemaId") REFERENCES "Cinema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KioskRelease" ADD CONSTRAINT "KioskRelease_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KioskRollout" ADD CONSTRAINT "KioskRollout_cinemaId_fkey" FOREIGN KEY ("cinemaId") REFERENCES "Cinema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KioskRollout" ADD CONSTRAINT "KioskRollout_stableReleaseId_fkey" FOREIGN KEY ("stableReleaseId") REFERENCES "KioskRelease"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KioskRollout" ADD CONSTRAINT "KioskRollout_previousReleaseId_fkey" FOREIGN KEY ("previousReleaseId") REFERENCES "KioskRelease"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KioskRollout" ADD CONSTRAINT "KioskRollout_candidateReleaseId_fkey" FOREIGN KEY ("candidateReleaseId") REFERENCES "KioskRelease"("id") ON DELETE SET NULL ON UPDATE CASCADE;
