-- A film belongs to one cinema: one cinema's managers must not change what another cinema shows.
-- Each film goes to the cinema whose shows it has (the oldest such cinema keeps the row); a film
-- shown by several cinemas is copied, one row per further cinema, and that cinema's shows move to
-- its copy. A film with no shows goes to the oldest cinema (with no cinema at all, it is dropped).
-- A title is unique per cinema from now on; the copies below repeat titles.
DROP INDEX "Movie_title_language_key";
ALTER TABLE "Movie" ADD COLUMN "cinemaId" UUID;

CREATE TEMPORARY TABLE "_movie_cinemas" AS
  SELECT DISTINCT st."movieId" AS movie_id, sc."cinemaId" AS cinema_id
  FROM "Showtime" st JOIN "Screen" sc ON sc.id = st."screenId";

UPDATE "Movie" m SET "cinemaId" = (
  SELECT mc.cinema_id FROM "_movie_cinemas" mc JOIN "Cinema" c ON c.id = mc.cinema_id
  WHERE mc.movie_id = m.id ORDER BY c."createdAt", c.id LIMIT 1);

CREATE TEMPORARY TABLE "_movie_copies" AS
  SELECT mc.movie_id, mc.cinema_id, gen_random_uuid() AS copy_id
  FROM "_movie_cinemas" mc JOIN "Movie" m ON m.id = mc.movie_id
  WHERE mc.cinema_id <> m."cinemaId";

INSERT INTO "Movie" (id, "cinemaId", title, language, certificate, "runtimeMinutes", synopsis, "posterPath", "createdAt", "updatedAt")
  SELECT cp.copy_id, cp.cinema_id, m.title, m.language, m.certificate, m."runtimeMinutes", m.synopsis, m."posterPath", m."createdAt", now()
  FROM "_movie_copies" cp JOIN "Movie" m ON m.id = cp.movie_id;

UPDATE "Showtime" st SET "movieId" = cp.copy_id
  FROM "_movie_copies" cp, "Screen" sc
  WHERE st."movieId" = cp.movie_id AND sc.id = st."screenId" AND sc."cinemaId" = cp.cinema_id;

UPDATE "Movie" SET "cinemaId" = (SELECT id FROM "Cinema" ORDER BY "createdAt", id LIMIT 1) WHERE "cinemaId" IS NULL;
DELETE FROM "Movie" WHERE "cinemaId" IS NULL;

DROP TABLE "_movie_copies";
DROP TABLE "_movie_cinemas";

ALTER TABLE "Movie" ALTER COLUMN "cinemaId" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Movie_cinemaId_title_language_key" ON "Movie"("cinemaId", "title", "language");

-- AddForeignKey
ALTER TABLE "Movie" ADD CONSTRAINT "Movie_cinemaId_fkey" FOREIGN KEY ("cinemaId") REFERENCES "Cinema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
