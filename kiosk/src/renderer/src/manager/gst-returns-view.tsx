// The month's GST returns for the cinema's accountant: the B2C summary (GSTR-1 Table 7) and the
// document summary (Table 13) of an India month, and the three CSVs to download for the GST
// portal's offline tool (B2C summary, document summary, register of every document).
import { formatRupees, indiaDate, type TTaxReturns } from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { problem } from './problem';

const MONTH_NAME = new Intl.DateTimeFormat('en-IN', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-11" → "November 2026". */
function monthName(month: string): string {
  return MONTH_NAME.format(new Date(`${month}-01T00:00:00Z`));
}

const DOWNLOADS = [
  { file: 'gst-b2c.csv', label: 'B2C summary (CSV)' },
  { file: 'gst-documents.csv', label: 'Document summary (CSV)' },
  { file: 'gst-register.csv', label: 'Register of documents (CSV)' },
] as const;

export function GstReturnsView() {
  const trpc = useTRPC();
  const thisMonth = indiaDate(new Date()).slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const returns = useQuery(trpc.taxReturns.month.queryOptions({ month }));
  return (
    <section aria-labelledby="gst-returns-title" className="manager-section">
      <h2 id="gst-returns-title">GST returns</h2>
      <p className="muted">
        GSTR-1 figures for a month (India time), from the invoices and credit notes issued in it. Credit notes are
        subtracted in the month they were issued.
      </p>
      <div className="manager-toolbar">
        <label className="field">
          <span>Month</span>
          <input
            type="month"
            value={month}
            min="2017-07"
            max={thisMonth}
            onChange={(e) => e.target.value && setMonth(e.target.value)}
          />
        </label>
        <button type="button" className="button" onClick={() => setMonth(thisMonth)}>
          This month
        </button>
      </div>
      <nav className="manager-toolbar" aria-label={`Downloads for ${monthName(month)}`}>
        {DOWNLOADS.map((d) => (
          <a key={d.file} className="button" href={`/manager/${d.file}?month=${month}`} download>
            {d.label}
          </a>
        ))}
      </nav>
      {returns.isPending ? (
        <Spinner label="Loading GST returns…" />
      ) : returns.error ? (
        <p className="notice notice-error" role="alert">
          {problem(returns.error)}
        </p>
      ) : (
        <Returns returns={returns.data} />
      )}
    </section>
  );
}

function Returns({ returns }: { returns: TTaxReturns }) {
  const { net, invoices, creditNotes } = returns.totals;
  const name = monthName(returns.month);
  return (
    <>
      <div className="figure-row">
        <div className="figure-card" role="group" aria-label="Net taxable value">
          <h3>Net taxable value</h3>
          <p className="figure">{formatRupees(net.taxablePaise)}</p>
        </div>
        <div className="figure-card" role="group" aria-label="Tax">
          <h3>Tax</h3>
          <dl>
            <dt>Central tax</dt>
            <dd>{formatRupees(net.cgstPaise)}</dd>
            <dt>State/UT tax</dt>
            <dd>{formatRupees(net.sgstPaise)}</dd>
          </dl>
        </div>
        <div className="figure-card" role="group" aria-label="Documents">
          <h3>Documents</h3>
          <dl>
            <dt>Invoices</dt>
            <dd>
              {invoices.documents} ({formatRupees(invoices.totalPaise)})
            </dd>
            <dt>Credit notes</dt>
            <dd>
              {creditNotes.documents} ({formatRupees(creditNotes.totalPaise)})
            </dd>
            <dt>Complimentary</dt>
            <dd>{returns.complimentary}</dd>
          </dl>
        </div>
      </div>

      <h3 id="gst-b2c-title">B2C (small): Table 7</h3>
      <div className="manager-table-scroll" role="region" aria-labelledby="gst-b2c-title" tabIndex={0}>
        <table className="manager-table" aria-label={`B2C summary, ${name}`}>
          <thead>
            <tr>
              <th scope="col">Place of supply</th>
              <th scope="col" className="amount">
                Rate
              </th>
              <th scope="col" className="amount">
                Taxable value
              </th>
              <th scope="col" className="amount">
                Central tax
              </th>
              <th scope="col" className="amount">
                State/UT tax
              </th>
              <th scope="col" className="amount">
                Cess
              </th>
            </tr>
          </thead>
          <tbody>
            {returns.b2c.map((r) => (
              <tr key={`${r.placeOfSupply?.code ?? '-'}|${r.ratePercent}`}>
                <th scope="row">{r.placeOfSupply?.label ?? 'State not set'}</th>
                <td className="amount">{r.ratePercent} %</td>
                <td className="amount">{formatRupees(r.taxablePaise)}</td>
                <td className="amount">{formatRupees(r.cgstPaise)}</td>
                <td className="amount">{formatRupees(r.sgstPaise)}</td>
                <td className="amount">{formatRupees(r.cessPaise)}</td>
              </tr>
            ))}
            {returns.b2c.length === 0 && (
              <tr>
                <td colSpan={6}>No invoices or credit notes in {name}.</td>
              </tr>
            )}
          </tbody>
          {returns.b2c.length > 0 && (
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td />
                <td className="amount">{formatRupees(net.taxablePaise)}</td>
                <td className="amount">{formatRupees(net.cgstPaise)}</td>
                <td className="amount">{formatRupees(net.sgstPaise)}</td>
                <td className="amount">{formatRupees(0)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>

      <h3 id="gst-documents-title">Documents issued: Table 13</h3>
      <div className="manager-table-scroll" role="region" aria-labelledby="gst-documents-title" tabIndex={0}>
        <table className="manager-table" aria-label={`Document summary, ${name}`}>
          <thead>
            <tr>
              <th scope="col">Nature of document</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col" className="amount">
                Total
              </th>
              <th scope="col" className="amount">
                Cancelled
              </th>
              <th scope="col" className="amount">
                Net issued
              </th>
            </tr>
          </thead>
          <tbody>
            {returns.documents.map((d) => (
              <tr key={`${d.kind}|${d.fromNumber}`}>
                <th scope="row">{d.nature}</th>
                <td>{d.fromNumber}</td>
                <td>{d.toNumber}</td>
                <td className="amount">{d.totalNumber}</td>
                <td className="amount">{d.cancelled}</td>
                <td className="amount">{d.netIssued}</td>
              </tr>
            ))}
            {returns.documents.length === 0 && (
              <tr>
                <td colSpan={6}>No documents issued in {name}.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
