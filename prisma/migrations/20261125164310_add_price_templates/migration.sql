-- CreateTable
CREATE TABLE "PriceTemplate" (
    "id" UUID NOT NULL,
    "cinemaId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prices" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PriceTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PriceTemplate_cinemaId_name_key" ON "PriceTemplate"("cinemaId", "name");

-- AddForeignKey
ALTER TABLE "PriceTemplate" ADD CONSTRAINT "PriceTemplate_cinemaId_fkey" FOREIGN KEY ("cinemaId") REFERENCES "Cinema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
