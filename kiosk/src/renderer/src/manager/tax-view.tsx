// The cinema's tax particulars, which every e-ticket (the cinema's tax invoice) carries: legal name,
// address, GST state, GSTIN, SACs, the invoice number prefix and the booking fee's GST rate.
// Managers see them; an admin changes them. The GSTIN is checked as it is typed (format, state,
// check character) with the same check the server makes; the prefix shows the number it makes.
import {
  checkGstin,
  FEE_GST_RATES,
  financialYearOf,
  GST_STATE_CODES,
  INVOICE_PREFIX_FORMAT,
  taxDocumentNumber,
  type TTaxSettings,
} from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { cloneElement, useState, type InputHTMLAttributes, type ReactElement } from 'react';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { problem } from './problem';

export function TaxView({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.taxSettings.get.queryOptions());
  if (settings.isPending) return <Spinner label="Loading tax settings…" />;
  if (settings.error)
    return (
      <p className="notice notice-error" role="alert">
        {problem(settings.error)}
      </p>
    );
  return <TaxForm saved={settings.data} isAdmin={isAdmin} />;
}

type TForm = Omit<TTaxSettings, 'feeGstRatePercent' | 'gstin' | 'gstStateCode'> & {
  gstin: string;
  gstStateCode: string;
  feeGstRatePercent: string;
};

/** The first invoice number of this financial year with that prefix, or null when it is not one. */
function exampleNumber(prefix: string): string | null {
  const p = prefix.trim().toUpperCase();
  if (!INVOICE_PREFIX_FORMAT.test(p)) return null;
  return taxDocumentNumber({ prefix: p, kind: 'INVOICE', financialYear: financialYearOf(new Date()), serial: 1 });
}

function TaxForm({ saved, isAdmin }: { saved: TTaxSettings; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<TForm>({
    legalName: saved.legalName,
    address: saved.address,
    gstStateCode: saved.gstStateCode ?? '',
    gstin: saved.gstin ?? '',
    admissionSac: saved.admissionSac,
    bookingFeeSac: saved.bookingFeeSac,
    invoicePrefix: saved.invoicePrefix,
    feeGstRatePercent: String(saved.feeGstRatePercent),
  });
  const [gstinTouched, setGstinTouched] = useState(false);
  const update = useMutation(
    trpc.taxSettings.update.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.taxSettings.get.queryKey(), data);
        // The form shows what was saved: a GSTIN pasted with spaces as the server normalised it.
        setForm((f) => ({ ...f, gstin: data.gstin ?? '', invoicePrefix: data.invoicePrefix }));
      },
    }),
  );
  const serverErrors =
    update.error instanceof TRPCClientError
      ? ((update.error.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {})
      : {};
  // Checked live once the GSTIN is complete or the field was left, against the state chosen above.
  const gstinCheck =
    form.gstin.trim() && (gstinTouched || form.gstin.replace(/\s+/g, '').length >= 15)
      ? checkGstin(form.gstin, form.gstStateCode ? { stateCode: form.gstStateCode } : {})
      : null;
  const gstinError = gstinCheck && !gstinCheck.ok ? gstinCheck.message : serverErrors.gstin;
  const example = exampleNumber(form.invoicePrefix);
  const prefixError =
    example === null ? 'Up to 3 capital letters or digits, like MQD, or nothing.' : serverErrors.invoicePrefix;
  const set = (field: keyof TForm) => (e: { target: { value: string } }) => {
    update.reset();
    setForm({ ...form, [field]: e.target.value });
  };

  return (
    <section aria-labelledby="tax-title" className="manager-section">
      <h2 id="tax-title">Tax</h2>
      <p className="field-hint">
        Every e-ticket is the cinema&apos;s tax invoice and carries these particulars.
        {!isAdmin && ' Only an admin can change them.'}
      </p>
      <form
        className="form tax-form manager-card"
        aria-label="Tax particulars"
        onSubmit={(e) => {
          e.preventDefault();
          setGstinTouched(true);
          if ((gstinCheck && !gstinCheck.ok) || example === null) return;
          update.mutate({
            ...form,
            gstin: form.gstin.trim() || null,
            feeGstRatePercent: Number(form.feeGstRatePercent),
          });
        }}
      >
        <fieldset disabled={!isAdmin || update.isPending}>
          <legend className="visually-hidden">Tax particulars</legend>
          <Field label="Legal name (as registered for GST)" error={serverErrors.legalName} id="tax-legal-name">
            <input value={form.legalName} onChange={set('legalName')} required maxLength={200} />
          </Field>
          <Field label="Address of the place of business" error={serverErrors.address} id="tax-address">
            <textarea value={form.address} onChange={set('address')} required maxLength={500} rows={3} />
          </Field>
          <Field label="State (GST state code)" error={serverErrors.gstStateCode} id="tax-state">
            <select value={form.gstStateCode} onChange={set('gstStateCode')} required>
              <option value="">Choose the state</option>
              {GST_STATE_CODES.filter((s) => s.inUse).map((s) => (
                <option key={s.code} value={s.code}>
                  {s.code} {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="GSTIN"
            error={gstinError}
            hint="15 characters, like 29AAACM0000M1ZT; leave empty until the cinema has one"
            id="tax-gstin"
          >
            <input
              value={form.gstin}
              onChange={set('gstin')}
              onBlur={() => setGstinTouched(true)}
              maxLength={40}
              autoCapitalize="characters"
              spellCheck={false}
            />
          </Field>
          <Field
            label="SAC of admission"
            error={serverErrors.admissionSac}
            hint="999692: admission to the exhibition of films"
            id="tax-admission-sac"
          >
            <input value={form.admissionSac} onChange={set('admissionSac')} inputMode="numeric" maxLength={6} />
          </Field>
          <Field
            label="SAC of the booking fee"
            error={serverErrors.bookingFeeSac}
            hint="998599: other support services"
            id="tax-fee-sac"
          >
            <input value={form.bookingFeeSac} onChange={set('bookingFeeSac')} inputMode="numeric" maxLength={6} />
          </Field>
          <Field
            label="GST rate of the booking fee"
            error={serverErrors.feeGstRatePercent}
            hint="Included in the fee, as the fee is shown; applies to bookings confirmed after saving"
            id="tax-fee-rate"
          >
            <select value={form.feeGstRatePercent} onChange={set('feeGstRatePercent')}>
              {FEE_GST_RATES.map((r) => (
                <option key={r} value={String(r)}>
                  {r} %
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Invoice number prefix"
            error={prefixError}
            hint="Up to 3 capitals or digits. Numbers already issued keep the prefix they were issued with; two cinemas under one GSTIN need different prefixes."
            id="tax-invoice-prefix"
          >
            <input
              value={form.invoicePrefix}
              onChange={(e) => {
                update.reset();
                setForm({ ...form, invoicePrefix: e.target.value.toUpperCase() });
              }}
              maxLength={3}
              autoCapitalize="characters"
              spellCheck={false}
            />
          </Field>
          {example !== null && (
            <p className="field-hint tax-example-number" aria-live="polite">
              Invoice numbers will look like <strong>{example}</strong>
            </p>
          )}
          {isAdmin && (
            <button type="submit" className="button button-primary">
              Save tax particulars
            </button>
          )}
        </fieldset>
        {update.error && (
          <p className="notice notice-error" role="alert">
            {problem(update.error)}
          </p>
        )}
        {update.isSuccess && (
          <p className="notice" role="status">
            Saved.
          </p>
        )}
      </form>
    </section>
  );
}

/** A labelled field with its hint, or its error in place of the hint, tied to it as its description. */
function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: ReactElement<InputHTMLAttributes<HTMLElement>>;
}) {
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': note ? noteId : undefined,
      })}
      {note && (
        <small id={noteId} className={error ? 'field-error' : 'field-hint'}>
          {note}
        </small>
      )}
    </div>
  );
}
