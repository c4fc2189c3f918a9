-- A hold that replaces the holder's previous one, as one call (one round trip): close the previous
-- PENDING booking and free its seats, then insert the new booking and its seats, then bump the
-- showtime's seat version. Sequential statements in one transaction, so the partial unique
-- indexes judge the new rows after the old ones are gone. Prisma does not model functions; the
-- drift test is unaffected by this one.
CREATE OR REPLACE FUNCTION marquee_replace_hold(
  p_previous uuid, p_now timestamptz, p_booking uuid, p_code text, p_showtime uuid, p_channel "Channel",
  p_holder text, p_kiosk uuid, p_amount integer, p_fee integer, p_expires timestamptz, p_seats uuid[], p_prices integer[]
) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_version integer;
BEGIN
  UPDATE "Booking" SET status = 'CANCELLED', "closedAt" = p_now, "statusReason" = 'replaced by a new selection', "updatedAt" = p_now
   WHERE id = p_previous AND status = 'PENDING';
  UPDATE "BookingSeat" SET active = false WHERE "bookingId" = p_previous AND active;
  INSERT INTO "Booking" (id, code, "showtimeId", status, channel, holder, "kioskId", "amountPaise", "feePaise", "expiresAt", "createdAt", "updatedAt")
  VALUES (p_booking, p_code, p_showtime, 'PENDING', p_channel, p_holder, p_kiosk, p_amount, p_fee, p_expires, p_now, p_now);
  INSERT INTO "BookingSeat" (id, "bookingId", "showtimeId", "seatId", "pricePaise", active)
  SELECT gen_random_uuid(), p_booking, p_showtime, x.seat_id, x.price, true FROM unnest(p_seats, p_prices) AS x(seat_id, price);
  UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = p_now WHERE id = p_showtime RETURNING "seatVersion" INTO v_version;
  RETURN v_version;
END
$$;
