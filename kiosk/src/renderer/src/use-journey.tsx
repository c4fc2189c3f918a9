// The purchase itself, seats → pay → done, for both apps: they differ only in what they pass (where
// the booking id is kept, what "done" shows: a printed ticket or the e-ticket, and what finishing
// does). The step is the path (journey.ts); what a path cannot carry (the "Time is up" notice, the
// booking just confirmed) is state here.
//
// Seats are never let go silently: Back from paying returns to the seat map with the hold still
// running (the held seats are the selection, their countdown shows; Continue with them unchanged
// keeps the same booking, changing them replaces the hold). Releasing is "Cancel booking", asked
// in a dialog first; so is anything else that would release a hold (the kiosk's "Start over").
import { useCatalogScope } from './components/cinema-scope';
import { cinemaDate, type TBooking } from '@marquee/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { ConfirmDialog } from './components/confirm-dialog';
import { errorMessage } from './components/error-message';
import { ErrorNotice, Screen, Spinner } from './components/layout';
import { useI18n } from './i18n/i18n';
import { paths, savedBooking, stepFromPath, type TEndNotice, type TStep } from './journey';
import { PaymentScreen } from './screens/payment/payment-screen';
import type { TOwnHold } from './screens/seat-map/own-hold';
import { SeatMapScreen } from './screens/seat-map/seat-map-screen';
import { useTRPC, useTRPCClient } from './trpc';

export interface TJourneyOptions {
  /** Where the booking being paid for is kept across a reload: localStorage (kiosk), sessionStorage (web). */
  storage: Storage;
  /** The kiosk's `/` is its attract screen; the web app's, its film list. */
  home: 'attract' | 'movies';
  /** On start, go back to a booking left in storage (the kiosk, whose location starts at `/` again). */
  resumeOnStart?: boolean;
  /** What follows payment: `own` is false for a booking found by code and email. */
  renderDone: (booking: TBooking, own: boolean, finish: () => void) => ReactNode;
  /** After a purchase ends (done, or cancelled): the app's own clean-up; the journey then goes home. */
  onFinish?: () => void;
  /** Told whether a payment may be under way (the QR is up, or Checkout is open). */
  onPayingChange?: (paying: boolean) => void;
}

export interface TJourney {
  step: TStep;
  /** The screen for seats, pay or done; null on the app's other screens. */
  element: ReactNode;
  /** The "Cancel booking?" dialog, when open (render it on every screen). */
  dialog: ReactNode;
  /** Still reading a booking left in storage (resumeOnStart). */
  resuming: boolean;
  /** The booking whose seats are held right now, if any. */
  heldBookingId: string | null;
  navigate: (to: string, options?: { replace?: boolean }) => void;
  /** Releases the hold (if any) at once, without asking, and forgets it: the idle guard's timeout. */
  releaseHold: () => void;
  /** Asks first when seats are held; then releases them and calls `then` (no hold: `then` at once). */
  confirmRelease: (then: () => void) => void;
  /** Shows a booking found by code and email (not this customer's own). */
  showFound: (booking: TBooking) => void;
}

export function useJourney({
  storage,
  home,
  resumeOnStart = false,
  renderDone,
  onFinish,
  onPayingChange,
}: TJourneyOptions): TJourney {
  const { t } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [location, navigate] = useLocation();
  const step = useMemo(() => stepFromPath(location, home), [location, home]);
  const [heldBookingId, setHeld] = useState(() => savedBooking.get(storage));
  const [resuming, setResuming] = useState(() => resumeOnStart && heldBookingId !== null);
  /** Why the customer is back on this show's map (their hold ran out), until they leave it. */
  const [notice, setNotice] = useState<{ showtimeId: string; message: TEndNotice } | null>(null);
  /** The booking just confirmed or found, so "done" needs no second fetch (and works for a found one). */
  const [ticket, setTicket] = useState<{ booking: TBooking; own: boolean } | null>(null);
  /** The "Cancel booking?" question is open; `then` runs once the customer confirms. */
  const [asking, setAsking] = useState<{ then: () => void } | null>(null);

  const hold = useCallback(
    (bookingId: string | null) => {
      if (bookingId) savedBooking.set(storage, bookingId);
      else savedBooking.clear(storage);
      setHeld(bookingId);
    },
    [storage],
  );

  // Back from a crash or reload at a kiosk: the booking in storage decides where we are.
  useEffect(() => {
    if (!resuming || !heldBookingId) return;
    let live = true;
    client.bookings.get.query({ bookingId: heldBookingId }).then(
      (b) => {
        if (!live) return;
        if (b.status === 'PENDING' && new Date(b.expiresAt) > new Date()) navigate(paths.pay(b.id), { replace: true });
        else if (b.status === 'CONFIRMED') {
          setTicket({ booking: b, own: true });
          navigate(paths.booking(b.id), { replace: true });
        } else hold(null);
        setResuming(false);
      },
      () => {
        if (!live) return;
        hold(null);
        setResuming(false);
      },
    );
    return () => {
      live = false;
    };
    // Once, at start: later changes of the held booking are the journey's own doing.
  }, []);

  // The booking on the pay and done screens, else the held one (its seats on its show's map, and in
  // the "Cancel booking?" question). The server answers only its holder, so a shared link shows
  // nothing to anyone else.
  const routeBookingId = step.name === 'pay' || step.name === 'done' ? step.bookingId : null;
  const queriedId = routeBookingId ?? heldBookingId;
  const booking = useQuery({
    ...trpc.bookings.get.queryOptions({ bookingId: queriedId ?? '' }),
    enabled: queriedId !== null && !(step.name === 'done' && ticket?.booking.id === queriedId),
    retry: false,
  });
  const b = booking.data?.id === queriedId ? booking.data : undefined;
  const catalogScope = useCatalogScope();
  const showtimes = useQuery(trpc.catalog.showtimes.queryOptions(catalogScope));

  const releaseHold = useCallback(() => {
    const bookingId = savedBooking.get(storage);
    hold(null);
    // A hold left behind is released at once, so its seats are back on sale for the next customer.
    if (bookingId)
      void client.holds.release
        .mutate({ bookingId })
        .catch((err: unknown) => console.warn('releasing the hold failed; it expires by itself', err))
        .finally(() => void queryClient.invalidateQueries({ queryKey: trpc.bookings.get.queryKey() }));
  }, [client, hold, queryClient, storage, trpc]);

  const finish = useCallback(() => {
    hold(null);
    setTicket(null);
    setNotice(null);
    onFinish?.();
    navigate(paths.home(), { replace: false });
  }, [hold, navigate, onFinish]);

  const confirmRelease = useCallback(
    (then: () => void) => {
      if (savedBooking.get(storage) === null) return then();
      setAsking({ then });
    },
    [storage],
  );

  const backToSeats = useCallback(
    (showtimeId: string | undefined, message: TEndNotice) => {
      if (!showtimeId) {
        finish();
        return;
      }
      setNotice({ showtimeId, message });
      navigate(paths.show(showtimeId), { replace: true });
    },
    [finish, navigate],
  );

  // The hold ran out (on the pay screen or the seat map): the same show's seats, to pick again. Without
  // a reason given, the booking itself says which show and whether a payment came too late and was
  // not taken: a pay link opened after the end may be told so by its status stream before its
  // booking has loaded here.
  const showtimeIdOfBooking = b?.showtimeId;
  const onExpired = useCallback(
    (notice?: TEndNotice) => {
      const knownShow = showtimeIdOfBooking ?? (step.name === 'seats' ? step.showtimeId : undefined);
      const bookingId = step.name === 'pay' ? step.bookingId : heldBookingId;
      hold(null);
      void queryClient.invalidateQueries({ queryKey: trpc.bookings.get.queryKey() });
      if (notice !== undefined || bookingId === null) return backToSeats(knownShow, notice ?? 'timeUp');
      client.bookings.get.query({ bookingId }).then(
        (ended) => backToSeats(ended.showtimeId, ended.paymentNotTaken ? 'paymentNotTaken' : 'timeUp'),
        (err: unknown) => {
          console.warn('the ended booking could not be read', err);
          backToSeats(knownShow, 'timeUp');
        },
      );
    },
    [backToSeats, client, heldBookingId, hold, queryClient, showtimeIdOfBooking, step, trpc],
  );

  // A pay link whose booking is already paid shows the ticket; one that ended goes back to its seats
  // (saying so when a payment came too late and was not taken).
  useEffect(() => {
    if (step.name !== 'pay' || !b) return;
    if (b.status === 'CONFIRMED') {
      setTicket({ booking: b, own: true });
      navigate(paths.booking(b.id), { replace: true });
    } else if (b.status !== 'PENDING') onExpired(b.paymentNotTaken ? 'paymentNotTaken' : 'timeUp');
    else if (savedBooking.get(storage) !== b.id) hold(b.id); // the holder's own link, in a new tab
  }, [step.name, b, navigate, onExpired, storage, hold]);

  // Paid while away from the pay screen (the QR paid on a phone after the customer went Back): show
  // the ticket (the kiosk prints it) rather than a seat map where those seats now read as sold.
  useSubscription(
    trpc.bookings.onStatus.subscriptionOptions(
      { bookingId: heldBookingId ?? '' },
      {
        enabled: heldBookingId !== null && step.name !== 'pay' && step.name !== 'done',
        onData: (event) => {
          if (event.status !== 'CONFIRMED' || !heldBookingId) return;
          void client.bookings.get.query({ bookingId: heldBookingId }).then(
            (paid) => {
              setTicket({ booking: paid, own: true });
              navigate(paths.booking(paid.id), { replace: true });
            },
            (err: unknown) => console.warn('the paid booking could not be read', err),
          );
        },
      },
    ),
  );

  const showFound = useCallback(
    (found: TBooking) => {
      setTicket({ booking: found, own: false });
      navigate(paths.booking(found.id));
    },
    [navigate],
  );

  const backFromSeats = async (showtimeId: string) => {
    setNotice(null);
    // A seat map opened cold (a shared link) can be on screen before the list of shows has come;
    // Back then waits for it rather than taking the customer to the films instead of this film.
    // Only a show the list no longer has (or no answer at all) goes back to the films.
    const list =
      showtimes.data ??
      (await queryClient.fetchQuery(trpc.catalog.showtimes.queryOptions(catalogScope)).catch(() => undefined));
    const show = list?.find((s) => s.id === showtimeId);
    navigate(show ? paths.movie(show.movieId, cinemaDate(new Date(show.startsAt), show.timeZone)) : paths.home());
  };

  let element: ReactNode = null;
  if (step.name === 'seats') {
    const own: TOwnHold | null =
      b && b.id === heldBookingId && b.status === 'PENDING' && b.showtimeId === step.showtimeId
        ? { bookingId: b.id, seatIds: b.seats.map((s) => s.seatId), expiresAt: b.expiresAt }
        : null;
    const waiting = heldBookingId !== null && booking.isPending && booking.fetchStatus !== 'idle';
    const message = notice?.showtimeId === step.showtimeId ? notice.message : own ? 'seatsStillHeld' : null;
    element = waiting ? (
      <Spinner label={t.loading} />
    ) : (
      <SeatMapScreen
        showtimeId={step.showtimeId}
        key={`${step.showtimeId}:${own?.bookingId ?? ''}:${message ?? ''}`}
        // The message, not its text: switching the language while it shows says it again in the other.
        initialNotice={message && ((m) => m[message])}
        ownHold={own}
        onKeepHold={own ? () => navigate(paths.pay(own.bookingId)) : undefined}
        onHoldExpired={onExpired}
        onBack={() => void backFromSeats(step.showtimeId)}
        onHeld={(h) => {
          hold(h.bookingId);
          setNotice(null);
          void queryClient.invalidateQueries({ queryKey: trpc.bookings.get.queryKey() });
          navigate(paths.pay(h.bookingId));
        }}
      />
    );
  } else if (step.name === 'pay') {
    element = (
      <PaymentScreen
        bookingId={step.bookingId}
        key={step.bookingId}
        onConfirmed={(confirmed) => {
          setTicket({ booking: confirmed, own: true });
          navigate(paths.booking(confirmed.id), { replace: true });
        }}
        onExpired={onExpired}
        onBack={() => (b ? navigate(paths.show(b.showtimeId)) : finish())}
        onCancel={() => confirmRelease(finish)}
        onPayingChange={onPayingChange}
      />
    );
  } else if (step.name === 'done') {
    const shown = ticket?.booking.id === step.bookingId ? ticket : b ? { booking: b, own: true } : null;
    if (shown && shown.booking.status === 'PENDING') element = <Spinner label={t.loading} />;
    else if (shown) element = renderDone(shown.booking, shown.own, finish);
    else if (booking.error)
      element = (
        <Screen name="booking-not-found" title={t.findBooking} onBack={finish}>
          <ErrorNotice message={`${t.bookingNotFound} (${errorMessage(t, booking.error)})`} />
        </Screen>
      );
    else element = <Spinner label={t.loading} />;
  }

  // A pending booking opened at its ticket's address goes to its pay screen.
  useEffect(() => {
    if (step.name === 'done' && b?.status === 'PENDING' && ticket?.booking.id !== b.id)
      navigate(paths.pay(b.id), { replace: true });
  }, [step.name, b, ticket, navigate]);

  // Moving on (the idle guard starting over, a confirmed payment) answers the question for the customer.
  useEffect(() => setAsking(null), [location]);

  const askingRef = useRef(asking);
  askingRef.current = asking;
  const heldSeats = b?.id === heldBookingId ? b?.seats.map((s) => s.label).join(', ') : undefined;
  const dialog = asking ? (
    <ConfirmDialog
      title={t.cancelBookingTitle}
      message={t.cancelBookingHelp(heldSeats || '…')}
      confirmLabel={t.cancelBooking}
      keepLabel={t.keepBooking}
      onKeep={() => setAsking(null)}
      onConfirm={() => {
        const then = askingRef.current?.then;
        setAsking(null);
        releaseHold();
        then?.();
      }}
    />
  ) : null;

  return {
    step,
    element,
    dialog,
    resuming,
    heldBookingId,
    navigate,
    releaseHold,
    confirmRelease,
    showFound,
  };
}
