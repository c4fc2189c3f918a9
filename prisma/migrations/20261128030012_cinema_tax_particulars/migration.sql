-- AlterTable
ALTER TABLE "Cinema" ADD COLUMN     "address" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "admissionSac" CHAR(6) NOT NULL DEFAULT '999692',
ADD COLUMN     "bookingFeeSac" CHAR(6) NOT NULL DEFAULT '998599',
ADD COLUMN     "gstStateCode" CHAR(2),
ADD COLUMN     "gstin" CHAR(15),
ADD COLUMN     "legalName" TEXT NOT NULL DEFAULT '';
