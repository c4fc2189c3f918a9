// The kiosk: attract → movies → shows → seats → pay → print → attract. The screens are paths in
// memory (wouter's memory location, set up in app.tsx): a kiosk has no address bar, and its Back is
// the on-screen button; the purchase itself is the shared journey (use-journey.tsx). Idle customers
// are asked "Still there?" and their hold released (a customer paying gets minutes, not seconds); commands
// from the manager (out of service, reprint) arrive over kiosks.onCommand; the heartbeat reports
// the screen and the printer.
import { useCatalogScope } from './components/cinema-scope';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { startHeartbeat } from '../../common/heartbeat';
import { IdleGuard } from './components/idle-guard';
import { useCatalogLive } from './components/use-catalog-live';
import { Spinner } from './components/layout';
import { useI18n } from './i18n/i18n';
import { paths } from './journey';
import { usePlatform } from './platform/platform-context';
import { AttractScreen } from './screens/attract/attract-screen';
import { KioskDoneScreen } from './screens/done/kiosk-done-screen';
import { printJobFor } from './screens/done/print-job';
import { MoviesScreen, useShowtimesByDay } from './screens/movies/movies-screen';
import { OutOfServiceScreen } from './screens/out-of-service/out-of-service-screen';
import { SetupScreen } from './screens/setup/setup-screen';
import { ShowtimesScreen } from './screens/showtimes/showtimes-screen';
import { KIOSK_TIMINGS, type TKioskTimings } from './kiosk-timings';
import { useTRPC, useTRPCClient } from './trpc';
import { useJourney } from './use-journey';

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
  const [outOfService, setOutOfService] = useState(false);
  const [paying, setPaying] = useState(false);
  const [collecting, setCollecting] = useState(false);
  const lastError = useRef<string | null>(null);
  const { today } = useShowtimesByDay();
  useQuery(trpc.catalog.movies.queryOptions(useCatalogScope())); // warm for the attract screen

  // Every purchase ends on the attract screen, in English, with fresh data for the next customer.
  const freshStart = useCallback(() => {
    setLanguage('en');
    void queryClient.invalidateQueries();
  }, [queryClient, setLanguage]);
  const journey = useJourney({
    storage: localStorage,
    home: 'attract',
    resumeOnStart: true, // the memory location starts at `/` after a crash or reload: storage says where we were
    renderDone: (booking, _own, finish) => (
      <KioskDoneScreen
        booking={booking}
        onDone={finish}
        onPrintError={(code) => (lastError.current = code)}
        onPrintResult={(outcome) =>
          // The booking's timeline shows the sale's print; a lost report does not stop the customer.
          void client.kiosks.recordPrint
            .mutate({
              kind: 'SALE',
              bookingId: booking.id,
              ...(outcome.ok ? { ok: true } : { ok: false, errorCode: outcome.code }),
            })
            .catch((err: unknown) => console.warn('print result not recorded', err))
        }
        printFailedMs={timings.printFailedMs}
      />
    ),
    onFinish: freshStart,
    onPayingChange: setPaying,
  });
  const { step, navigate, releaseHold } = journey;

  /** The idle guard's timeout: no one is there to ask, so the hold goes. */
  const reset = useCallback(() => {
    if (step.name !== 'done') releaseHold();
    freshStart();
    navigate(paths.home(), { replace: true });
  }, [freshStart, navigate, releaseHold, step.name]);
  /** "Start over" by the customer: asks first when seats are held. */
  const startOver = () => journey.confirmRelease(reset);

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

  const screen = outOfService ? 'out-of-service' : journey.resuming ? 'starting' : collecting ? 'collect' : step.name;
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
  if (journey.resuming) return <Spinner label={t.loading} />;

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
    if (journey.element) return journey.element;
    switch (step.name) {
      case 'movies':
        return <MoviesScreen day={today} onPick={(movieId) => navigate(paths.movie(movieId))} onBack={startOver} />;
      case 'showtimes':
        return (
          <ShowtimesScreen
            movieId={step.movieId}
            day={today}
            onPick={(showtimeId) => navigate(paths.show(showtimeId))}
            onBack={() => navigate(paths.movies)}
          />
        );
      default:
        return (
          <AttractScreen
            onStart={() => navigate(paths.movies)}
            onPickMovie={(movieId) => navigate(paths.movie(movieId))}
            onCollect={() => setCollecting(true)}
          />
        );
    }
  })();

  // A customer deep in a purchase can start over from any screen; with seats held, they are asked first.
  const deep = step.name === 'showtimes' || step.name === 'seats' || step.name === 'pay';
  // A payment may be under way (the QR is up, or Checkout is open): the customer gets minutes, not seconds.
  const payingNow = step.name === 'pay' && paying;
  return (
    <>
      {body}
      {deep && (
        <button type="button" className="button button-ghost start-over" onClick={startOver}>
          {t.startOver}
        </button>
      )}
      {journey.dialog}
      <IdleGuard
        enabled={step.name !== 'attract' && step.name !== 'done' && step.name !== 'unknown'}
        paying={payingNow}
        idleMs={payingNow ? timings.payingIdleMs : timings.idleMs}
        warnMs={payingNow ? timings.payingWarnMs : timings.warnMs}
        onTimeout={reset}
      />
    </>
  );
}
