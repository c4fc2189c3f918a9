// Films made tax-free by a state, in the Movies section: each film's waivers of SGST with their
// periods; an admin records one with a small form and removes one after a confirmation in the page.
// Invoices already issued never change either way, and the page says so where it matters.
import { formatDayMonthYear, GST_STATE_CODES, indiaDate, type TFilmTaxWaiver } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useTRPC } from '../trpc';
import { problem } from './problem';

export const NO_CHANGE_TO_ISSUED = 'Invoices already issued are never changed.';

/** "Tax-free in Karnataka (SGST waived) 1 Dec 2026 – 31 Dec 2026". */
export function waiverText(w: Pick<TFilmTaxWaiver, 'stateName' | 'fromDate' | 'toDate'>): string {
  return `Tax-free in ${w.stateName} (SGST waived) ${formatDayMonthYear(w.fromDate)} – ${formatDayMonthYear(w.toDate)}`;
}

/** The waivers of every film of the cinema, by film, and what the admin may do with them. */
export function useFilmTaxWaivers() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const waivers = useQuery(trpc.filmTaxWaivers.list.queryOptions({}));
  const byMovie = new Map<string, TFilmTaxWaiver[]>();
  for (const w of waivers.data ?? []) byMovie.set(w.movieId, [...(byMovie.get(w.movieId) ?? []), w]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.filmTaxWaivers.list.queryKey() });
  return { waivers, byMovie, refresh };
}

/** One film's waivers as a list under its title, each with Remove for an admin. */
export function FilmWaiverList({
  waivers,
  cinemaStateCode,
  isAdmin,
  onRemove,
}: {
  waivers: readonly TFilmTaxWaiver[];
  cinemaStateCode: string | null;
  isAdmin: boolean;
  onRemove: (w: TFilmTaxWaiver) => void;
}) {
  if (!waivers.length) return null;
  return (
    <ul className="film-waivers">
      {waivers.map((w) => (
        <li key={w.id}>
          <span className="film-waiver-badge">{waiverText(w)}</span>
          {cinemaStateCode && w.stateCode !== cinemaStateCode && (
            <span className="muted"> (not this cinema&apos;s state: no effect here)</span>
          )}
          {isAdmin && (
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => onRemove(w)}
              aria-label={`Remove: ${w.movieTitle}, ${waiverText(w)}`}
            >
              Remove
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The page's confirmation before removing a waiver; one whose period has begun says more. */
export function RemoveWaiverDialog({
  waiver,
  onDone,
  onRemoved,
}: {
  waiver: TFilmTaxWaiver;
  onDone: () => void;
  onRemoved: () => void;
}) {
  const trpc = useTRPC();
  const remove = useMutation(
    trpc.filmTaxWaivers.remove.mutationOptions({
      onSuccess: () => {
        onRemoved();
        onDone();
      },
    }),
  );
  const message = waiver.begun
    ? `This period began on ${formatDayMonthYear(waiver.fromDate)}. ${NO_CHANGE_TO_ISSUED} Bookings already confirmed keep SGST waived on their invoices; bookings confirmed after you remove it pay SGST. The removal is recorded in the audit trail.`
    : `${NO_CHANGE_TO_ISSUED} The period has not begun, so no booking carries it yet.`;
  return (
    <ConfirmDialog
      title={`Remove “${waiver.movieTitle}”: ${waiverText(waiver)}?`}
      message={remove.error ? `${problem(remove.error)}` : message}
      confirmLabel="Remove the tax-free period"
      keepLabel="Keep it"
      busy={remove.isPending}
      onConfirm={() => remove.mutate({ id: waiver.id, begunAcknowledged: waiver.begun })}
      onKeep={onDone}
    />
  );
}

/** An admin's form to make a film tax-free in a state for a period (India dates, both included). */
export function AddWaiverForm({
  movie,
  cinemaStateCode,
  onClose,
  onSaved,
}: {
  movie: { id: string; title: string };
  cinemaStateCode: string | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const trpc = useTRPC();
  const [form, setForm] = useState({ stateCode: cinemaStateCode ?? '', fromDate: indiaDate(new Date()), toDate: '' });
  const create = useMutation(
    trpc.filmTaxWaivers.create.mutationOptions({
      onSuccess: () => {
        onSaved();
        onClose();
      },
    }),
  );
  const fieldErrors =
    create.error instanceof TRPCClientError
      ? ((create.error.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {})
      : {};
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => {
    create.reset();
    setForm({ ...form, [field]: e.target.value });
  };
  const outOfOrder = form.fromDate && form.toDate && form.toDate < form.fromDate;
  const fields: { key: keyof typeof form; label: string; error: string | undefined }[] = [
    { key: 'fromDate', label: 'First day', error: fieldErrors.fromDate },
    {
      key: 'toDate',
      label: 'Last day',
      error: outOfOrder ? 'The last day cannot be before the first day.' : fieldErrors.toDate,
    },
  ];
  return (
    <form
      className="form manager-card waiver-form"
      aria-label={`Make ${movie.title} tax-free`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!outOfOrder) create.mutate({ movieId: movie.id, ...form });
      }}
    >
      <h3>Make “{movie.title}” tax-free</h3>
      <p className="field-hint">
        The state waives its SGST half on admission: bookings confirmed on these dates (India time, both included) pay
        CGST only; the booking fee keeps its GST. A period may start in the past, since states announce late.{' '}
        {NO_CHANGE_TO_ISSUED} Recording or removing a period changes only bookings confirmed afterwards.
      </p>
      <div className="field">
        <label htmlFor="waiver-state">State that waived SGST</label>
        <select
          id="waiver-state"
          value={form.stateCode}
          onChange={set('stateCode')}
          required
          aria-invalid={fieldErrors.stateCode ? true : undefined}
          aria-describedby={fieldErrors.stateCode ? 'waiver-state-note' : undefined}
        >
          <option value="">Choose the state</option>
          {GST_STATE_CODES.filter((s) => s.inUse).map((s) => (
            <option key={s.code} value={s.code}>
              {s.name} ({s.code})
            </option>
          ))}
        </select>
        {fieldErrors.stateCode && (
          <small id="waiver-state-note" className="field-error">
            {fieldErrors.stateCode}
          </small>
        )}
      </div>
      <div className="waiver-dates">
        {fields.map(({ key, label, error }) => (
          <div className="field" key={key}>
            <label htmlFor={`waiver-${key}`}>{label}</label>
            <input
              id={`waiver-${key}`}
              type="date"
              value={form[key]}
              onChange={set(key)}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `waiver-${key}-note` : undefined}
            />
            {error && (
              <small id={`waiver-${key}-note`} className="field-error">
                {error}
              </small>
            )}
          </div>
        ))}
      </div>
      {create.error && (
        <p className="notice notice-error" role="alert">
          {problem(create.error)}
        </p>
      )}
      <div className="waiver-buttons">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Record tax-free period
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
