// The kiosk: attract → movies → shows → seats → pay → print → attract. Idle customers are asked
// "Still there?" and their hold released (a customer paying gets minutes, not seconds); commands
// from the manager (out of service, reprint) arrive over kiosks.onCommand; the heartbeat reports
// the screen and the printer.
import type { TBooking } from '@marquee/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { startHeartbeat } from '../../common/heartbeat';
import { IdleGuard } from './components/idle-guard';
import { useCatalogLive } from './components/use-catalog-live';
import { Spinner } from './components/layout';
import { useI18n } from './i18n/i18n';
import { savedBooking, type TStep } from './journey';
import { usePlatform } from './platform/platform-context';
import { AttractScreen } from './screens/attract/attract-screen';
import { KioskDoneScreen } from './screens/done/kiosk-done-screen';
import { printJobFor } from './screens/done/print-job';
import { MoviesScreen, useShowtimesByDay } from './screens/movies/movies-screen';
import { OutOfServiceScreen } from './screens/out-of-service/out-of-service-screen';
import { PaymentScreen } from './screens/payment/payment-screen';
import { SeatMapScreen } from './screens/seat-map/seat-map-screen';
import { SetupScreen } from './screens/setup/setup-screen';
import { ShowtimesScreen } from './screens/showtimes/showtimes-screen';
import { KIOSK_TIMINGS, type TKioskTimings } from './kiosk-timings';
import { useTRPC, useTRPCClient } from './trpc';

// Collecting online bookings is its own chunk, with its keyboard: the web app never loads it.
const CollectScreen = lazy(() => import('./screens/collect/collect-screen'));

export function KioskApp({ timings = KIOSK_TIMINGS }: { timings?: TKioskTimings }) {
  useCatalogLive();
  const platform = usePlatform();
  const [registered, setRegistered] = useState(platform.registered);
  if (!registered) return <SetupScreen onRegistered={() => window.location.reload()} />;
  return <RegisteredKiosk timings={timings} onUnregistered={() => setRegistered(false)} />;
}

function RegisteredKiosk({ timings, onUnregistered }: { timings: TKioskTimings; onUnregistered: () => void }) {
  const { t, setLanguage } = useI18n();
  const platform = usePlatform();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<TStep | null>(null);
  const [confirmed, setConfirmed] = useState<TBooking | null>(null);
  const [outOfService, setOutOfService] = useState(false);
  const [paying, setPaying] = useState(false);
  const [collecting, setCollecting] = useState(false);
  const lastError = useRef<string | null>(null);
  const { today } = useShowtimesByDay();
  useQuery(trpc.catalog.movies.queryOptions()); // warm for the attract screen

  // Back from a crash or reload: the booking in storage decides where we are.
  useEffect(() => {
    const bookingId = savedBooking.get(localStorage);
    if (!bookingId) return setStep({ name: 'attract' });
    client.bookings.get.query({ bookingId }).then(
      (b) => {
        if (b.status === 'PENDING' && new Date(b.expiresAt) > new Date()) setStep({ name: 'pay', bookingId });
        else if (b.status === 'CONFIRMED') {
          setConfirmed(b);
          setStep({ name: 'done', bookingId });
        } else {
          savedBooking.clear(localStorage);
          setStep({ name: 'attract' });
        }
      },
      () => {
        savedBooking.clear(localStorage);
        setStep({ name: 'attract' });
      },
    );
  }, [client]);

  const releaseHold = useCallback(() => {
    const bookingId = savedBooking.get(localStorage);
    savedBooking.clear(localStorage);
    // A hold left behind is released at once, so its seats are back on sale for the next customer.
    if (bookingId && step?.name !== 'done') void client.holds.release.mutate({ bookingId }).catch(() => undefined);
  }, [client, step?.name]);

  const reset = useCallback(() => {
    releaseHold();
    setConfirmed(null);
    setLanguage('en');
    setStep({ name: 'attract' });
    void queryClient.invalidateQueries();
  }, [releaseHold, queryClient, setLanguage]);

  useSubscription(
    trpc.kiosks.onCommand.subscriptionOptions(undefined, {
      onData: (command) => {
        // Revoked from the dashboard or the CLI: back to the registration screen.
        if (command.type === 'revoked') onUnregistered();
        if (command.type === 'state') setOutOfService(command.outOfService);
        if (command.type === 'reprint') {
          void client.kiosks.reprintJob
            .query({ bookingId: command.bookingId })
            .then((b) => platform.print(printJobFor(b)))
            .then((result) => {
              if (!result.ok) lastError.current = `reprint ${command.bookingId}: ${result.code}`;
              // The booking's timeline shows every reprint and whether it printed.
              const outcome = result.ok ? { ok: true } : { ok: false, errorCode: result.code };
              return client.kiosks.recordPrint.mutate({ kind: 'REPRINT', bookingId: command.bookingId, ...outcome });
            })
            .catch((err: unknown) => {
              lastError.current = `reprint ${command.bookingId}: ${err instanceof Error ? err.message : String(err)}`;
            });
        }
      },
      // The token was revoked while the stream was down: the API refuses this device.
      onError: (err) => {
        if ((err.data as { code?: string } | undefined)?.code === 'UNAUTHORIZED') onUnregistered();
      },
    }),
  );

  const screen = outOfService ? 'out-of-service' : collecting ? 'collect' : (step?.name ?? 'starting');
  const screenRef = useRef(screen);
  screenRef.current = screen;
  useEffect(() => platform.reportScreen(screen, lastError.current), [platform, screen]);
  // In Electron the main process beats; in a browser the kiosk UI does it through the API itself.
  useEffect(() => {
    if (typeof window.api !== 'undefined') return;
    return startHeartbeat({
      snapshot: async () => ({
        appVersion: platform.appVersion,
        screen: screenRef.current,
        printer: await platform.printerState().catch(() => 'unknown' as const),
        lastError: lastError.current,
      }),
      send: (beat) => client.kiosks.heartbeat.mutate(beat),
      onError: (err) => console.warn('heartbeat failed', err),
    });
  }, [client, platform]);

  if (outOfService) return <OutOfServiceScreen />;
  if (!step) return <Spinner label={t.loading} />;

  if (collecting) {
    const endCollect = () => {
      setCollecting(false);
      reset();
    };
    return (
      <Suspense fallback={<Spinner label={t.loading} />}>
        <CollectScreen onDone={endCollect} onPrintError={(code) => (lastError.current = code)} />
        <IdleGuard enabled paying={false} idleMs={timings.idleMs} warnMs={timings.warnMs} onTimeout={endCollect} />
      </Suspense>
    );
  }

  const body = (() => {
    switch (step.name) {
      case 'attract':
        return <AttractScreen onStart={() => setStep({ name: 'movies' })} onCollect={() => setCollecting(true)} />;
      case 'movies':
        return (
          <MoviesScreen day={today} onPick={(movieId) => setStep({ name: 'showtimes', movieId })} onBack={reset} />
        );
      case 'showtimes':
        return (
          <ShowtimesScreen
            movieId={step.movieId}
            day={today}
            onPick={(showtimeId) => setStep({ name: 'seats', movieId: step.movieId, showtimeId })}
            onBack={() => setStep({ name: 'movies' })}
          />
        );
      case 'seats':
        return (
          <SeatMapScreen
            showtimeId={step.showtimeId}
            key={`${step.showtimeId}:${step.notice ?? ''}`}
            initialNotice={step.notice}
            onBack={() => setStep({ name: 'showtimes', movieId: step.movieId })}
            onHeld={(hold) => {
              savedBooking.set(localStorage, hold.bookingId);
              setStep({
                name: 'pay',
                bookingId: hold.bookingId,
                from: { movieId: step.movieId, showtimeId: step.showtimeId },
              });
            }}
          />
        );
      case 'pay':
        return (
          <PaymentScreen
            bookingId={step.bookingId}
            onConfirmed={(b) => {
              setConfirmed(b);
              setStep({ name: 'done', bookingId: b.id });
            }}
            onExpired={() => {
              // The hold ran out: say so, and give the customer the same show's seats to pick again.
              if (!step.from) return reset();
              releaseHold();
              setStep({ name: 'seats', ...step.from, notice: t.timeUp });
            }}
            onCancel={reset}
            onPayingChange={setPaying}
          />
        );
      case 'done':
        return confirmed ? (
          <KioskDoneScreen
            booking={confirmed}
            onDone={() => {
              savedBooking.clear(localStorage);
              reset();
            }}
            onPrintError={(code) => (lastError.current = code)}
          />
        ) : null;
      default:
        return null;
    }
  })();

  // A payment may be under way (the QR is up, or Checkout is open): the customer gets minutes, not seconds.
  const payingNow = step.name === 'pay' && paying;
  return (
    <>
      {body}
      <IdleGuard
        enabled={step.name !== 'attract' && step.name !== 'done'}
        paying={payingNow}
        idleMs={payingNow ? timings.payingIdleMs : timings.idleMs}
        warnMs={payingNow ? timings.payingWarnMs : timings.warnMs}
        onTimeout={reset}
      />
    </>
  );
}
