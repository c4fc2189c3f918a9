// The tax invoice the e-ticket is, as the server stored it: folded under the tickets so the QR
// codes stay first on a phone, and opened to every particular (seller, GSTIN, number and date,
// place of supply, each line's SAC, value before tax, rate, CGST and SGST, the totals), with the
// credit notes of a refund. Figures are the stored ones, never worked out again here.
import { formatRate, formatRupees, type TInvoice, type TTaxLine } from '@marquee/shared';
import { useI18n } from '../../i18n/i18n';

/** A document's date in India, in the reader's language: "28 Nov 2026". */
function indiaDateLabel(issuedAt: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Kolkata',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(issuedAt));
}

export function TaxInvoice({ invoice, open = false }: { invoice: TInvoice; open?: boolean }) {
  const { t, locale } = useI18n();
  const describe = (line: TTaxLine) =>
    line.kind === 'FEE' ? t.bookingFeeLine : t.admissionLine(line.seatLabel ?? line.description);
  return (
    <details className="tax-invoice" open={open}>
      <summary>
        {t.taxInvoice} <span className="tax-invoice-number">{invoice.number}</span>
      </summary>
      <div className="tax-invoice-body">
        <p className="tax-invoice-seller">
          <strong>{invoice.sellerLegalName}</strong>
          <br />
          <span className="tax-invoice-address">{invoice.sellerAddress}</span>
        </p>
        <dl className="tax-invoice-facts">
          <dt>{t.gstin}</dt>
          <dd>{invoice.sellerGstin ?? t.gstinNone}</dd>
          <dt>{t.invoiceNumber}</dt>
          <dd>{invoice.number}</dd>
          <dt>{t.invoiceDate}</dt>
          <dd>{indiaDateLabel(invoice.issuedAt, locale)}</dd>
          <dt>{t.placeOfSupply}</dt>
          <dd>{invoice.placeOfSupply ? `${invoice.placeOfSupply.name} (${invoice.placeOfSupply.code})` : '—'}</dd>
        </dl>
        <ul className="tax-invoice-lines">
          {invoice.lines.map((line) => (
            <li key={`${line.kind}-${line.seatLabel ?? ''}`}>
              <div className="tax-invoice-line-head">
                <span>{describe(line)}</span>
                <strong>{formatRupees(line.amountPaise)}</strong>
              </div>
              <div className="tax-invoice-line-tax">
                <span>
                  {t.sac} {line.sac}
                </span>
                <span>
                  {t.taxableValue} {formatRupees(line.taxablePaise)}
                </span>
                <span>
                  {t.taxRate} {formatRate(line.ratePercent)}
                </span>
                <span>
                  {t.cgst} {formatRupees(line.cgstPaise)}
                </span>
                <span>
                  {t.sgst} {formatRupees(line.sgstPaise)}
                </span>
              </div>
            </li>
          ))}
        </ul>
        <dl className="tax-invoice-totals">
          <dt>{t.taxableValue}</dt>
          <dd>{formatRupees(invoice.totals.taxablePaise)}</dd>
          <dt>{t.cgst}</dt>
          <dd>{formatRupees(invoice.totals.cgstPaise)}</dd>
          <dt>{t.sgst}</dt>
          <dd>{formatRupees(invoice.totals.sgstPaise)}</dd>
          <dt>{t.invoiceTotal}</dt>
          <dd>
            <strong>{formatRupees(invoice.totals.totalPaise)}</strong>
          </dd>
        </dl>
        {invoice.creditNotes.map((note) => (
          <p key={note.number} className="tax-invoice-credit-note">
            {t.creditNote(note.number, indiaDateLabel(note.issuedAt, locale))}: {formatRupees(note.totals.totalPaise)}
          </p>
        ))}
      </div>
    </details>
  );
}
