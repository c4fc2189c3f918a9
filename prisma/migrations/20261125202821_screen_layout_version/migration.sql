-- AlterTable
ALTER TABLE "Screen" ADD COLUMN     "layoutVersion" INTEGER NOT NULL DEFAULT 0;
