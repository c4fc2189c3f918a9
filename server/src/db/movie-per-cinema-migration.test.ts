// The migration that gives every film its cinema, run on data as it was before it: a film shown by
// two cinemas becomes one row per cinema, each cinema's shows on its own row, and nothing is lost.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../test/test-context';
import { diffDatabaseToSchema, migrationsDir } from './schema-engine';

let ctx: TTestContext;
let db: pg.Client;
beforeAll(async () => {
  ctx = await createTestContext();
  db = new pg.Client({ connectionString: ctx.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await ctx?.close();
});

const migration = readdirSync(migrationsDir).find((d) => d.endsWith('_movie_per_cinema'))!;
const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  (await db.query<T>(text, values)).rows;

describe('the movie-per-cinema migration', () => {
  it("splits a film two cinemas show into one row each, moving each cinema's shows to its own", async () => {
    // Back to the schema before the migration.
    await q(`ALTER TABLE "Movie" DROP CONSTRAINT "Movie_cinemaId_fkey";
      DROP INDEX "Movie_cinemaId_title_language_key";
      ALTER TABLE "Movie" DROP COLUMN "cinemaId";
      CREATE UNIQUE INDEX "Movie_title_language_key" ON "Movie"("title", "language");`);
    const [a] = await q<{ id: string }>(
      `INSERT INTO "Cinema" (id, slug, name, city, "createdAt", "updatedAt") VALUES (gen_random_uuid(), 'older', 'Older', 'Pune', now() - interval '1 day', now()) RETURNING id`,
    );
    const [b] = await q<{ id: string }>(
      `INSERT INTO "Cinema" (id, slug, name, city, "updatedAt") VALUES (gen_random_uuid(), 'newer', 'Newer', 'Pune', now()) RETURNING id`,
    );
    const screen = async (cinemaId: string) =>
      (
        await q<{ id: string }>(
          `INSERT INTO "Screen" (id, "cinemaId", name) VALUES (gen_random_uuid(), $1, 'Audi') RETURNING id`,
          [cinemaId],
        )
      )[0]!.id;
    const [screenA, screenB] = [await screen(a!.id), await screen(b!.id)];
    const movie = async (title: string) =>
      (
        await q<{ id: string }>(
          `INSERT INTO "Movie" (id, title, language, certificate, "runtimeMinutes", synopsis, "posterPath", "updatedAt")
           VALUES (gen_random_uuid(), $1, 'Hindi', 'UA', 120, 'the synopsis', 'poster.png', now()) RETURNING id`,
          [title],
        )
      )[0]!.id;
    const [both, onlyB, none] = [await movie('Both'), await movie('Only B'), await movie('None')];
    const show = async (movieId: string, screenId: string, hour: number) =>
      (
        await q<{ id: string }>(
          `INSERT INTO "Showtime" (id, "movieId", "screenId", "startsAt", "endsAt", "updatedAt")
           VALUES (gen_random_uuid(), $1, $2, $3, $4, now()) RETURNING id`,
          [movieId, screenId, new Date(Date.UTC(2030, 0, 1, hour)), new Date(Date.UTC(2030, 0, 1, hour + 2))],
        )
      )[0]!.id;
    const showsA = [await show(both, screenA, 10), await show(both, screenA, 14)];
    const showB = await show(both, screenB, 10);
    const showOnlyB = await show(onlyB, screenB, 14);

    await q(readFileSync(path.join(migrationsDir, migration, 'migration.sql'), 'utf8'));

    const films = await q<{ id: string; cinemaId: string; title: string; synopsis: string; posterPath: string }>(
      `SELECT id::text, "cinemaId"::text, title, synopsis, "posterPath" FROM "Movie" WHERE title IN ('Both', 'Only B', 'None') ORDER BY title, "cinemaId" = $1 DESC`,
      [a!.id],
    );
    expect(films.map((f) => [f.title, f.cinemaId])).toEqual([
      ['Both', a!.id],
      ['Both', b!.id],
      ['None', a!.id],
      ['Only B', b!.id],
    ]);
    const copy = films[1]!;
    expect(films[0]!.id).toBe(both);
    expect(copy).toMatchObject({ synopsis: 'the synopsis', posterPath: 'poster.png' });
    expect(films.find((f) => f.title === 'None')!.id).toBe(none);
    const movieOf = async (showId: string) =>
      (await q<{ movieId: string }>(`SELECT "movieId"::text FROM "Showtime" WHERE id = $1`, [showId]))[0]!.movieId;
    for (const id of showsA) expect(await movieOf(id)).toBe(both);
    expect(await movieOf(showB)).toBe(copy.id);
    expect(await movieOf(showOnlyB)).toBe(onlyB);
    // Every show's film is its own cinema's.
    const [{ stray }] = (await q<{ stray: number }>(
      `SELECT count(*)::int AS stray FROM "Showtime" st JOIN "Screen" sc ON sc.id = st."screenId" JOIN "Movie" m ON m.id = st."movieId" WHERE m."cinemaId" <> sc."cinemaId"`,
    )) as [{ stray: number }];
    expect(stray).toBe(0);
    expect((await diffDatabaseToSchema({ databaseUrl: ctx.databaseUrl })).inSync).toBe(true);
  });
});
