import { formatRupees, MAX_CASH_PAISE } from '@marquee/shared';
import { useId } from 'react';
import { useDeskMessages } from './desk-messages';

/** Rupees as typed at the counter ("500", "99.5") to paise; null when it is not an amount a drawer holds. */
export function typedRupees(value: string): number | null {
  if (!/^\s*\d{1,7}(\.\d{1,2})?\s*$/.test(value)) return null;
  const paise = Math.round(Number(value) * 100);
  return paise <= MAX_CASH_PAISE ? paise : null;
}

/** A cash amount in rupees, with a line under it: what the amount means, or why it is not one. */
export function RupeesField({
  label,
  value,
  onChange,
  hint,
  bad,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What the typed amount means (the change to give, the difference). */
  hint?: string;
  /** The hint is a problem (less cash than due). */
  bad?: boolean;
}) {
  const t = useDeskMessages();
  const hintId = useId();
  const invalid = value.trim() !== '' && typedRupees(value) === null;
  const text = invalid ? t.rupeesInvalid : (hint ?? '');
  return (
    <label className="field">
      <span>{label}</span>
      <input
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        size={8}
        required
        aria-describedby={hintId}
        aria-invalid={invalid || bad ? true : undefined}
      />
      <small id={hintId} className={invalid || bad ? 'field-error' : 'field-hint'} aria-live="polite">
        {text}
      </small>
    </label>
  );
}

/** The cash the customer handed over, with the change to give (or what is still missing) under it. */
export function CashReceivedField({
  value,
  onChange,
  changePaise,
}: {
  value: string;
  onChange: (value: string) => void;
  /** Received − due; null until an amount is typed. */
  changePaise: number | null;
}) {
  const t = useDeskMessages();
  return (
    <RupeesField
      label={t.received}
      value={value}
      onChange={onChange}
      hint={
        changePaise === null
          ? undefined
          : changePaise < 0
            ? t.cashShort(formatRupees(-changePaise))
            : t.change(formatRupees(changePaise))
      }
      bad={changePaise !== null && changePaise < 0}
    />
  );
}
