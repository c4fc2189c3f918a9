-- Holds commit without waiting for the WAL flush (synchronous_commit off for that transaction only).
-- The flush wait kept the showtime's row lock (the seat version) held while the next holds queued on
-- it: without it, Postgres spent about a quarter less CPU per hold when driven alone, and about a
-- sixth less in the full hold storm (docs/performance.md).
-- What it risks: a crash of Postgres itself may forget holds committed in the last few hundred ms
-- (never a payment or a confirmation: those commit synchronously, and any later synchronous commit
-- makes every earlier hold durable too). A forgotten hold is a customer choosing seats again; nothing
-- is sold twice, since visibility and the unique indexes are unchanged. Same signature, so this
-- replaces the function in place; with p_previous NULL it is a plain first hold.
CREATE OR REPLACE FUNCTION marquee_replace_hold(
  p_previous uuid, p_now timestamptz, p_booking uuid, p_code text, p_showtime uuid, p_channel "Channel",
  p_holder text, p_kiosk uuid, p_amount integer, p_fee integer, p_expires timestamptz, p_seats uuid[], p_prices integer[]
) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_version integer;
BEGIN
  -- Local to this transaction: the pooled connection keeps synchronous commits for everything else.
  PERFORM set_config('synchronous_commit', 'off', true);
  IF p_previous IS NOT NULL THEN
    UPDATE "Booking" SET status = 'CANCELLED', "closedAt" = p_now, "statusReason" = 'replaced by a new selection', "updatedAt" = p_now
     WHERE id = p_previous AND status = 'PENDING';
    UPDATE "BookingSeat" SET active = false WHERE "bookingId" = p_previous AND active;
  END IF;
  INSERT INTO "Booking" (id, code, "showtimeId", status, channel, holder, "kioskId", "amountPaise", "feePaise", "expiresAt", "createdAt", "updatedAt")
  VALUES (p_booking, p_code, p_showtime, 'PENDING', p_channel, p_holder, p_kiosk, p_amount, p_fee, p_expires, p_now, p_now);
  INSERT INTO "BookingSeat" (id, "bookingId", "showtimeId", "seatId", "pricePaise", active)
  SELECT gen_random_uuid(), p_booking, p_showtime, x.seat_id, x.price, true FROM unnest(p_seats, p_prices) AS x(seat_id, price);
  UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = p_now WHERE id = p_showtime RETURNING "seatVersion" INTO v_version;
  RETURN v_version;
END
$$;
