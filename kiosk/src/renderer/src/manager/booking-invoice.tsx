// A booking's tax invoice on the booking desk, as the customer's e-ticket, PDF and email show it:
// the stored particulars, each line and the totals, and the credit notes of its refunds.
import { formatRate, formatRupees, invoiceDateLabel, placeOfSupplyLabel, type TInvoice } from '@marquee/shared';

export function BookingInvoice({ invoice }: { invoice: TInvoice }) {
  const t = invoice.totals;
  return (
    <section className="booking-invoice" aria-label={`Tax invoice ${invoice.number}`}>
      <h4>
        Tax invoice {invoice.number} <span className="muted">of {invoiceDateLabel(invoice.issuedAt)}</span>
      </h4>
      <p>
        {invoice.sellerLegalName}, GSTIN {invoice.sellerGstin ?? 'not registered'} · place of supply{' '}
        {placeOfSupplyLabel(invoice.placeOfSupply)}
      </p>
      <div className="table-scroll">
        <table className="manager-table">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">SAC</th>
              <th scope="col" className="number">
                Value before tax
              </th>
              <th scope="col" className="number">
                Rate
              </th>
              <th scope="col" className="number">
                CGST
              </th>
              <th scope="col" className="number">
                SGST
              </th>
              <th scope="col" className="number">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((l) => (
              <tr key={`${l.kind}-${l.seatLabel ?? ''}`}>
                <th scope="row">{l.description}</th>
                <td>{l.sac}</td>
                <td className="number">{formatRupees(l.taxablePaise)}</td>
                <td className="number">{formatRate(l.ratePercent)}</td>
                <td className="number">{formatRupees(l.cgstPaise)}</td>
                <td className="number">{formatRupees(l.sgstPaise)}</td>
                <td className="number">{formatRupees(l.amountPaise)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td className="number">{formatRupees(t.taxablePaise)}</td>
              <td />
              <td className="number">{formatRupees(t.cgstPaise)}</td>
              <td className="number">{formatRupees(t.sgstPaise)}</td>
              <td className="number">
                <strong>{formatRupees(t.totalPaise)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {invoice.creditNotes.length > 0 && (
        <ul className="booking-credit-notes" aria-label="Credit notes">
          {invoice.creditNotes.map((n) => (
            <li key={n.number}>
              Credit note {n.number} of {invoiceDateLabel(n.issuedAt)} against {n.invoiceNumber}:{' '}
              {formatRupees(n.totals.totalPaise)} (taxable {formatRupees(n.totals.taxablePaise)}, CGST{' '}
              {formatRupees(n.totals.cgstPaise)}, SGST {formatRupees(n.totals.sgstPaise)})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
