-- marquee_write_holds: the one write every seat hold goes through (holds/insert-hold.ts calls it).
-- This file is its source, to read and to change. The database gets it from a migration; a test
-- (db/sql-functions.test.ts) checks that the migrated function is exactly this one. To change it,
-- edit this file and add a migration by hand (prisma/migrations/<timestamp>_<name>/migration.sql)
-- holding the new text: the schema engine has nothing to generate for a function.
--
-- Holds written in batches (group commit): the holds that arrive while earlier ones are on their
-- way to Postgres are written by one call, one transaction, instead of one each. Each hold keeps its
-- old meaning: close the holder's previous PENDING booking (if given), insert the new booking and its
-- seats. Each runs in its own subtransaction, so a hold the unique indexes refuse (a seat taken, a
-- code collision, the holder's other tab) is undone alone and reported in its own row, while the
-- others in the batch stand. At the end, each showtime's seat version moves on once for all of its
-- holds (the showtimes locked in id order, so two batches never wait on each other in a circle), and
-- each hold gets its own version, in batch order. Like the single hold before it, the transaction
-- commits without waiting for the WAL flush (see 20261125200000_hold_commits_async).
--
-- Arguments are parallel arrays, one element per hold (p_now: the time of each hold's request); seats
-- are flattened, p_seat_hold naming the hold (1-based) each seat belongs to. Returns one row per
-- hold, in order: its seat version, or the SQLSTATE, constraint and message of the error that undid it
-- (MQ409: one of its seats was blocked for the show meanwhile; MQ410: the show was cancelled meanwhile).
CREATE OR REPLACE FUNCTION marquee_write_holds(
  p_now timestamptz[], p_previous uuid[], p_booking uuid[], p_code text[], p_showtime uuid[], p_channel "Channel"[],
  p_holder text[], p_kiosk uuid[], p_amount integer[], p_fee integer[], p_expires timestamptz[],
  p_seat_hold integer[], p_seat uuid[], p_price integer[]
) RETURNS TABLE (seat_version integer, error_state text, error_constraint text, error_message text)
LANGUAGE plpgsql AS $$
DECLARE
  n integer := coalesce(cardinality(p_booking), 0);
  v_version integer[] := array_fill(NULL::integer, ARRAY[n]);
  v_state text[] := array_fill(NULL::text, ARRAY[n]);
  v_constraint text[] := array_fill(NULL::text, ARRAY[n]);
  v_message text[] := array_fill(NULL::text, ARRAY[n]);
  v_err_state text;
  v_err_constraint text;
  v_err_message text;
  v_show uuid;
  v_count integer;
  v_at timestamptz;
  v_last integer;
  v_cancelled boolean;
BEGIN
  -- Local to this transaction: the pooled connection keeps synchronous commits for everything else.
  PERFORM set_config('synchronous_commit', 'off', true);
  FOR k IN 1..n LOOP
    BEGIN
      IF p_previous[k] IS NOT NULL THEN
        UPDATE "Booking" SET status = 'CANCELLED', "closedAt" = p_now[k], "statusReason" = 'replaced by a new selection', "updatedAt" = p_now[k]
         WHERE id = p_previous[k] AND status = 'PENDING';
        UPDATE "BookingSeat" SET active = false WHERE "bookingId" = p_previous[k] AND active;
      END IF;
      INSERT INTO "Booking" (id, code, "showtimeId", status, channel, holder, "kioskId", "amountPaise", "feePaise", "expiresAt", "createdAt", "updatedAt")
      VALUES (p_booking[k], p_code[k], p_showtime[k], 'PENDING', p_channel[k], p_holder[k], p_kiosk[k], p_amount[k], p_fee[k], p_expires[k], p_now[k], p_now[k]);
      INSERT INTO "BookingSeat" (id, "bookingId", "showtimeId", "seatId", "pricePaise", active)
      SELECT gen_random_uuid(), p_booking[k], p_showtime[k], x.seat_id, x.price, true
        FROM unnest(p_seat_hold, p_seat, p_price) AS x(hold, seat_id, price) WHERE x.hold = k;
      -- A seat block or the show's cancellation decides against a hold only here, at the write: the
      -- show's row is share-locked (a block or a cancellation holds it FOR UPDATE until it commits;
      -- other holds' seat-version updates do not conflict), which reads the row as committed, then
      -- the blocks are read afresh. So a block or a cancellation either commits first and is seen
      -- here, or waits for this transaction and then sees the seats held (a cancellation closes them).
      SELECT cancelled INTO v_cancelled FROM "Showtime" WHERE id = p_showtime[k] FOR KEY SHARE;
      IF v_cancelled THEN
        RAISE EXCEPTION 'show % cancelled', p_showtime[k] USING ERRCODE = 'MQ410';
      END IF;
      IF EXISTS (SELECT 1 FROM "SeatBlock" b JOIN unnest(p_seat_hold, p_seat) AS x(hold, seat_id) ON b."seatId" = x.seat_id
                  WHERE x.hold = k AND b."showtimeId" = p_showtime[k]) THEN
        RAISE EXCEPTION 'seat blocked for show %', p_showtime[k] USING ERRCODE = 'MQ409';
      END IF;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS v_err_state = RETURNED_SQLSTATE, v_err_constraint = CONSTRAINT_NAME, v_err_message = MESSAGE_TEXT;
      v_state[k] := v_err_state;
      v_constraint[k] := nullif(v_err_constraint, '');
      v_message[k] := v_err_message;
    END;
  END LOOP;
  FOR v_show, v_count, v_at IN
    SELECT x.showtime, count(*)::integer, max(x.at) FROM unnest(p_showtime, v_state, p_now) AS x(showtime, state, at)
     WHERE x.state IS NULL GROUP BY x.showtime ORDER BY x.showtime
  LOOP
    UPDATE "Showtime" SET "seatVersion" = "seatVersion" + v_count, "updatedAt" = v_at WHERE id = v_show RETURNING "seatVersion" INTO v_last;
    FOR k IN REVERSE n..1 LOOP
      IF p_showtime[k] = v_show AND v_state[k] IS NULL THEN
        v_version[k] := v_last;
        v_last := v_last - 1;
      END IF;
    END LOOP;
  END LOOP;
  RETURN QUERY SELECT x.v, x.s, x.c, x.m FROM unnest(v_version, v_state, v_constraint, v_message) WITH ORDINALITY AS x(v, s, c, m, i) ORDER BY x.i;
END
$$;
