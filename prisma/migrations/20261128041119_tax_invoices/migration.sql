-- CreateEnum
CREATE TYPE "TaxDocumentKind" AS ENUM ('INVOICE', 'CREDIT_NOTE');

-- AlterTable
ALTER TABLE "Cinema" ADD COLUMN     "invoicePrefix" VARCHAR(3) NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "FilmSgstWaiver" (
    "id" UUID NOT NULL,
    "movieId" UUID NOT NULL,
    "stateCode" CHAR(2) NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FilmSgstWaiver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxDocumentCounter" (
    "cinemaId" UUID NOT NULL,
    "kind" "TaxDocumentKind" NOT NULL,
    "financialYear" INTEGER NOT NULL,
    "lastSerial" INTEGER NOT NULL DEFAULT 0,
    "lastIssuedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TaxDocumentCounter_pkey" PRIMARY KEY ("cinemaId","kind","financialYear")
);

-- CreateTable
CREATE TABLE "TaxDocument" (
    "id" UUID NOT NULL,
    "cinemaId" UUID NOT NULL,
    "kind" "TaxDocumentKind" NOT NULL,
    "financialYear" INTEGER NOT NULL,
    "serial" INTEGER NOT NULL,
    "number" VARCHAR(16) NOT NULL,
    "bookingId" UUID NOT NULL,
    "invoiceId" UUID,
    "refundId" UUID,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "sellerLegalName" TEXT NOT NULL,
    "sellerAddress" TEXT NOT NULL,
    "sellerGstin" CHAR(15),
    "placeOfSupply" CHAR(2),
    "lines" JSONB NOT NULL,
    "taxablePaise" INTEGER NOT NULL,
    "cgstPaise" INTEGER NOT NULL,
    "sgstPaise" INTEGER NOT NULL,
    "totalPaise" INTEGER NOT NULL,

    CONSTRAINT "TaxDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FilmSgstWaiver_movieId_idx" ON "FilmSgstWaiver"("movieId");

-- CreateIndex
CREATE UNIQUE INDEX "TaxDocument_refundId_key" ON "TaxDocument"("refundId");

-- CreateIndex
CREATE INDEX "TaxDocument_cinemaId_issuedAt_idx" ON "TaxDocument"("cinemaId", "issuedAt");

-- CreateIndex
CREATE INDEX "TaxDocument_bookingId_idx" ON "TaxDocument"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "TaxDocument_cinemaId_kind_financialYear_serial_key" ON "TaxDocument"("cinemaId", "kind", "financialYear", "serial");

-- CreateIndex
CREATE UNIQUE INDEX "TaxDocument_cinemaId_number_key" ON "TaxDocument"("cinemaId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "TaxDocument_one_invoice_key" ON "TaxDocument"("bookingId") WHERE (kind = 'INVOICE');

-- AddForeignKey
ALTER TABLE "FilmSgstWaiver" ADD CONSTRAINT "FilmSgstWaiver_movieId_fkey" FOREIGN KEY ("movieId") REFERENCES "Movie"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FilmSgstWaiver" ADD CONSTRAINT "FilmSgstWaiver_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxDocumentCounter" ADD CONSTRAINT "TaxDocumentCounter_cinemaId_fkey" FOREIGN KEY ("cinemaId") REFERENCES "Cinema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxDocument" ADD CONSTRAINT "TaxDocument_cinemaId_fkey" FOREIGN KEY ("cinemaId") REFERENCES "Cinema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxDocument" ADD CONSTRAINT "TaxDocument_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxDocument" ADD CONSTRAINT "TaxDocument_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "TaxDocument"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxDocument" ADD CONSTRAINT "TaxDocument_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "Refund"("id") ON DELETE SET NULL ON UPDATE CASCADE;
