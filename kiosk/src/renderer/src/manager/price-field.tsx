import { formatRupees, formatShowTime, gstGapOf, gstTablesFrom, splitGst, type TSeatType } from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTRPC } from '../trpc';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';

/** Rupees as typed ("99", "99.5") to paise; null when it is not an amount. */
function typedPaise(value: string): number | null {
  if (!/^\s*\d{1,5}(\.\d{1,2})?\s*$/.test(value)) return null;
  return Math.round(Number(value) * 100);
}

/**
 * A GST-inclusive ticket price with what it carries, worked out as the manager types: the value
 * before tax and the GST at today's slab, or why GST cannot carry it and the nearest prices that can.
 */
export function PriceField({
  type,
  value,
  onChange,
}: {
  type: TSeatType;
  value: string;
  onChange: (value: string) => void;
}) {
  const hintId = useId();
  const paise = typedPaise(value);
  const now = new Date();
  const gap = paise === null ? null : gstGapOf(paise, gstTablesFrom(now));
  const problem = gap && `Fits no GST slab: use ${formatRupees(gap.fromPaise - 1)} or ${formatRupees(gap.toPaise + 1)}`;
  const split = paise === null || problem ? null : splitGst(paise, now);
  return (
    <label className="field">
      <span>{type.toLowerCase()} (₹, GST incl.)</span>
      <input
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        size={6}
        aria-describedby={hintId}
        aria-invalid={problem ? true : undefined}
      />
      <small id={hintId} className={problem ? 'field-error' : 'field-hint'}>
        {value.trim() === ''
          ? ''
          : paise === null
            ? 'Give an amount in rupees, like 250 or 99.50.'
            : (problem ??
              `${formatRupees(split!.basePaise)} + ${split!.ratePercent} % GST ${formatRupees(split!.gstPaise)}`)}
      </small>
    </label>
  );
}

/** Saved prices GST cannot carry (in templates and upcoming shows), until a manager fixes them. */
export function UnchargeablePrices() {
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const found = useQuery(trpc.programme.unchargeablePrices.queryOptions(undefined, { refetchInterval: 60_000 }));
  if (!found.data?.length) return null;
  return (
    <div className="notice notice-warning" role="status" aria-label="Prices GST cannot carry">
      <p>
        <strong>
          {found.data.length === 1 ? 'One saved price' : `${found.data.length} saved prices`} cannot be charged under
          GST.
        </strong>{' '}
        Edit a template&apos;s price on Prices. A show&apos;s prices change on Shows until its first sale; after that
        they stay as sold, so take it off sale and schedule it again.
      </p>
      <ul>
        {found.data.map((f) => (
          <li key={`${f.template?.id ?? f.show!.id}-${f.seatType}`}>
            {f.template
              ? `Template "${f.template.name}"`
              : `${f.show!.movieTitle}, ${formatShowTime(f.show!.startsAt, zone)}, ${f.show!.screenName}`}
            , {f.seatType.toLowerCase()}: {f.problem}
          </li>
        ))}
      </ul>
    </div>
  );
}
