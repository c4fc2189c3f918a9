import { useCatalogScope } from '../../components/cinema-scope';
import {
  formatShowTime,
  formatRupees,
  MAX_SEATS_PER_HOLD,
  seatRuleViolations,
  type TSeat,
  type THoldCreateOutput,
  type TSeatMap,
} from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { Countdown } from '../../components/countdown';
import { errorMessage } from '../../components/error-message';
import { HoldChallenge } from '../../components/hold-challenge';
import { ErrorNotice, Screen, Spinner } from '../../components/layout';
import { useI18n, useNotice, type TSay } from '../../i18n/i18n';
import { usePlatform } from '../../platform/platform-context';
import { errorData, isNetworkFailure, useTRPC } from '../../trpc';
import { isSameSelection, withOwnHold, type TOwnHold } from './own-hold';
import { SeatMap } from './seat-map';
import { useSeatMapQueryOptions } from './seat-map-query';
import { applySeatChange, lostSeats, selectionPrice, toggleSeat } from './seat-selection';

export function SeatMapScreen({
  showtimeId,
  onHeld,
  onBack,
  initialNotice = null,
  ownHold = null,
  onKeepHold,
  onHoldExpired,
}: {
  showtimeId: string;
  onHeld: (hold: THoldCreateOutput) => void;
  onBack: () => void;
  /** Why the customer is back on this map (their hold ran out), until they pick a seat. */
  initialNotice?: TSay | null;
  /** Seats still held for this customer (Back from paying): the selection, with their countdown. */
  ownHold?: TOwnHold | null;
  /** Continue with the held seats unchanged: the same booking, the hold goes on. */
  onKeepHold?: () => void;
  onHoldExpired?: () => void;
}) {
  const { t, locale } = useI18n();
  const platform = usePlatform();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mapOptions = useSeatMapQueryOptions(showtimeId);
  const map = useQuery({
    ...mapOptions,
    select: ownHold ? (m: TSeatMap) => withOwnHold(m, ownHold.seatIds) : undefined,
  });
  const show = useQuery(trpc.catalog.showtimes.queryOptions(useCatalogScope())).data?.find((s) => s.id === showtimeId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(ownHold?.seatIds));
  const [notice, setNotice] = useNotice(initialNotice);

  // Someone else holding or releasing a seat shows here at once; a gap in versions means a refetch.
  useSubscription(
    trpc.seats.onChange.subscriptionOptions(
      { showtimeId },
      {
        onStarted: () => void queryClient.invalidateQueries({ queryKey: mapOptions.queryKey }), // resync after (re)connecting
        onData: (event) => {
          const current = queryClient.getQueryData<TSeatMap>(mapOptions.queryKey);
          if (!current) return;
          const { map: next, stale } = applySeatChange(current, event);
          if (stale) return void queryClient.invalidateQueries({ queryKey: mapOptions.queryKey });
          queryClient.setQueryData(mapOptions.queryKey, next);
          dropLost(next);
        },
      },
    ),
  );

  function dropLost(next: TSeatMap) {
    const lost = lostSeats(ownHold ? withOwnHold(next, ownHold.seatIds) : next, selected);
    if (!lost.length) return;
    setSelected((s) => new Set([...s].filter((id) => !lost.some((l) => l.id === id))));
    setNotice((m) => m.seatTakenLive(lost.map((s) => s.label)));
  }

  // Set when the server asks this (web) customer for a proof-of-work before holding; a new key each time.
  const [challenge, setChallenge] = useState(0);
  const hold = useMutation(
    trpc.holds.create.mutationOptions({
      onSuccess: onHeld,
      onError: (err, input) => {
        const code = errorData(err)?.appCode;
        if (code === 'HOLD_CHALLENGE_REQUIRED' || (code === 'HOLD_CHALLENGE_INVALID' && input.challenge)) {
          setNotice(null); // the check explains itself
          return setChallenge((n) => n + 1);
        }
        const taken = errorData(err)?.takenSeatIds ?? [];
        if (taken.length) setSelected((s) => new Set([...s].filter((id) => !taken.includes(id))));
        setNotice((m) => errorMessage(m, err));
        void queryClient.invalidateQueries({ queryKey: mapOptions.queryKey });
      },
    }),
  );

  const onToggle = (seat: TSeat) => {
    const result = toggleSeat(selected, seat);
    setSelected(result.selected);
    setNotice(result.refused === 'max-seats' ? (m) => m.maxSeats(MAX_SEATS_PER_HOLD) : null);
  };

  const picked = map.data?.seats.filter((s) => selected.has(s.id)) ?? [];
  const { seatsPaise: total, feePaise: fee } = map.data
    ? selectionPrice(map.data, picked, platform.mode === 'kiosk' ? 'KIOSK' : 'WEB')
    : { seatsPaise: 0, feePaise: 0 };
  // The cinema's seat rules, explained before Continue rather than refused after it.
  const ruleHints = map.data
    ? seatRuleViolations(
        map.data.seats.map((s) => ({ ...s, taken: s.state !== 'available' })),
        picked.map((s) => s.id),
        map.data.rules,
      ).map((v) =>
        v.rule === 'single-gap' ? t.seatGapHint(v.labels.join(', ')) : t.companionHint(v.labels.join(', ')),
      )
    : [];
  const title = show
    ? `${show.movieTitle} · ${formatShowTime(show.startsAt, show.timeZone, locale)} · ${show.screenName}`
    : t.pickSeats;

  return (
    <Screen name="seat-map" title={title} onBack={onBack}>
      {map.isPending && <Spinner label={t.loading} />}
      {map.error && <ErrorNotice message={errorMessage(t, map.error)} onRetry={() => void map.refetch()} />}
      {map.data && <SeatMap map={map.data} selected={selected} onToggle={onToggle} />}
      <div className="action-bar">
        {ownHold && <Countdown expiresAt={ownHold.expiresAt} onExpire={onHoldExpired ?? (() => undefined)} />}
        <div aria-live="polite" className="selection-summary">
          {notice && (
            <p className="notice notice-warning" role="alert">
              {notice}
            </p>
          )}
          {challenge > 0 && (
            <HoldChallenge
              key={challenge}
              showtimeId={showtimeId}
              onSolved={(payload) => {
                setChallenge(0);
                hold.mutate({ showtimeId, seatIds: picked.map((s) => s.id), challenge: payload });
              }}
            />
          )}
          {ruleHints.map((hint) => (
            <p key={hint} className="notice notice-warning" role="status">
              {hint}
            </p>
          ))}
          <p>
            {picked.length
              ? `${t.selectedSeats(picked.length)}: ${picked.map((s) => s.label).join(', ')}${fee > 0 ? '' : ` · ${formatRupees(total)}`}`
              : t.noSeatsPicked}
          </p>
          {picked.length > 0 && fee > 0 && (
            <p className="selection-fee">
              {t.seatsWithFee(formatRupees(total), formatRupees(fee), formatRupees(total + fee))}
            </p>
          )}
        </div>
        <button
          type="button"
          className="button button-primary button-large"
          disabled={!picked.length || ruleHints.length > 0 || hold.isPending}
          onClick={() =>
            ownHold && onKeepHold && isSameSelection(selected, ownHold.seatIds)
              ? onKeepHold()
              : hold.mutate({ showtimeId, seatIds: picked.map((s) => s.id) })
          }
        >
          {hold.isPending ? t.holding : hold.isError && isNetworkFailure(hold.error) ? t.tryAgain : t.continueToPay}
        </button>
      </div>
    </Screen>
  );
}
