import {
  cinemaDate,
  formatDayMonthYear,
  formatRupees,
  formatShowTime,
  type TMethodFigures,
  type TSales,
  type TSalesFigures,
  type TSalesHourly,
} from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { problem } from './problem';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';

// Chart.js is tree-shaken: only what a bar chart needs.
Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.color = '#f5f5f5';
Chart.defaults.borderColor = '#3a3d45';

export function SalesView() {
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const today = cinemaDate(new Date(), zone);
  const [range, setRange] = useState({ from: today, to: today });
  const sales = useQuery(trpc.sales.report.queryOptions(range, { refetchInterval: 30_000 }));
  // One day: hour by hour beside the same weekday a week earlier.
  const oneDay = range.from === range.to;
  const hourly = useQuery(
    trpc.sales.hourly.queryOptions({ date: range.from }, { enabled: oneDay, refetchInterval: 30_000 }),
  );
  return (
    <section aria-labelledby="sales-title" className="manager-section">
      <h2 id="sales-title">Sales</h2>
      <div className="manager-toolbar">
        <label className="field">
          <span>From</span>
          <input
            type="date"
            value={range.from}
            max={range.to}
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))}
          />
        </label>
        <label className="field">
          <span>To</span>
          <input
            type="date"
            value={range.to}
            min={range.from}
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))}
          />
        </label>
        <button type="button" className="button" onClick={() => setRange({ from: today, to: today })}>
          Today
        </button>
        <a className="button" href={`/manager/sales.csv?from=${range.from}&to=${range.to}`} download>
          Download CSV
        </a>
      </div>
      {sales.isPending ? (
        <Spinner label="Loading sales…" />
      ) : sales.error ? (
        <p className="notice notice-error" role="alert">
          {problem(sales.error)}
        </p>
      ) : (
        <>
          <SalesFigures sales={sales.data} />
          {oneDay &&
            (hourly.isPending ? (
              <Spinner label="Loading the day hour by hour…" />
            ) : hourly.error ? (
              <p className="notice notice-error" role="alert">
                {problem(hourly.error)}
              </p>
            ) : (
              <HourlyFigures hourly={hourly.data} />
            ))}
          <ShowsTable sales={sales.data} />
        </>
      )}
    </section>
  );
}

function Figures({ label, f }: { label: string; f: TSalesFigures }) {
  return (
    <div className="figure-card" role="group" aria-label={label}>
      <h3>{label}</h3>
      <p>
        <span className="figure" aria-label={`${label} tickets sold`}>
          {f.tickets}
        </span>{' '}
        tickets
      </p>
      <dl>
        <dt>Paid</dt>
        <dd aria-label={`${label} paid`}>{formatRupees(f.grossPaise)}</dd>
        <dt>Refunded</dt>
        <dd aria-label={`${label} refunded`}>{formatRupees(f.refundedPaise)}</dd>
        <dt>Net</dt>
        <dd aria-label={`${label} net`}>{formatRupees(f.netPaise)}</dd>
      </dl>
    </div>
  );
}

function MethodFigures({ label, f }: { label: string; f: TMethodFigures }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span aria-label={`${label} amount`}>{formatRupees(f.paidPaise)}</span>{' '}
        <span className="muted" aria-label={`${label} payments`}>
          ({f.payments} {f.payments === 1 ? 'payment' : 'payments'})
        </span>
      </dd>
    </div>
  );
}

function SalesFigures({ sales }: { sales: TSales }) {
  return (
    <>
      <div className="figure-row">
        <Figures label="All" f={sales.totals} />
        <Figures label="Kiosks" f={sales.byChannel.KIOSK} />
        <Figures label="Online" f={sales.byChannel.WEB} />
        <Figures label="Box office" f={sales.byChannel.BOX_OFFICE} />
        <div className="figure-card" role="group" aria-labelledby="paid-by-title">
          <h3 id="paid-by-title">Paid by</h3>
          <dl className="method-list">
            <MethodFigures label="UPI (QR)" f={sales.byMethod.UPI_QR} />
            <MethodFigures label="Card / Checkout" f={sales.byMethod.CHECKOUT} />
            <MethodFigures label="Cash" f={sales.byMethod.CASH} />
          </dl>
          <p className="muted">
            <span aria-label="Complimentary tickets">{sales.complimentaryTickets}</span> complimentary{' '}
            {sales.complimentaryTickets === 1 ? 'ticket' : 'tickets'} (nothing paid)
          </p>
        </div>
      </div>
      {sales.byDay.length > 1 && (
        <div className="chart-box">
          <Bar
            aria-label="Net sales per day, in rupees"
            role="img"
            data={{
              labels: sales.byDay.map((d) => d.date),
              datasets: [
                { label: 'Net (₹)', data: sales.byDay.map((d) => d.netPaise / 100), backgroundColor: '#ffd166' },
                {
                  label: 'Refunded (₹)',
                  data: sales.byDay.map((d) => d.refundedPaise / 100),
                  backgroundColor: '#ff8a80',
                },
              ],
            }}
            options={{ responsive: true, maintainAspectRatio: false, animation: false }}
          />
        </div>
      )}
    </>
  );
}

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** A day's sales per hour of the cinema's clock, each beside the same hour a week earlier. */
function HourlyFigures({ hourly }: { hourly: TSalesHourly }) {
  const labels = hourly.hours.map((h) => hourLabel(h.hour));
  const day = formatDayMonthYear(hourly.date);
  const before = formatDayMonthYear(hourly.weekBefore);
  const options = { responsive: true, maintainAspectRatio: false, animation: false } as const;
  return (
    <>
      <div className="hourly-title">
        <h3>
          Hour by hour, {day} <span className="muted">beside {before} (a week earlier)</span>
        </h3>
        <p className="muted">Hours on the cinema&apos;s clock ({hourly.timeZone}); money counts when it was paid.</p>
      </div>
      <div className="chart-row">
        <div className="chart-box">
          <Bar
            aria-label={`Paid per hour in rupees, ${day} beside ${before}`}
            role="img"
            data={{
              labels,
              datasets: [
                {
                  label: `${day} (₹)`,
                  data: hourly.hours.map((h) => h.day.grossPaise / 100),
                  backgroundColor: '#ffd166',
                },
                {
                  label: `${before} (₹)`,
                  data: hourly.hours.map((h) => h.weekBefore.grossPaise / 100),
                  backgroundColor: '#6c7a89',
                },
              ],
            }}
            options={options}
          />
        </div>
        <div className="chart-box">
          <Bar
            aria-label={`Tickets per hour, ${day} beside ${before}`}
            role="img"
            data={{
              labels,
              datasets: [
                { label: `${day} tickets`, data: hourly.hours.map((h) => h.day.tickets), backgroundColor: '#7bdff2' },
                {
                  label: `${before} tickets`,
                  data: hourly.hours.map((h) => h.weekBefore.tickets),
                  backgroundColor: '#6c7a89',
                },
              ],
            }}
            options={options}
          />
        </div>
      </div>
      <details>
        <summary>Hour by hour as a table</summary>
        <div className="manager-table-scroll">
          <table className="manager-table" aria-label="Sales per hour">
            <thead>
              <tr>
                <th scope="col">Hour</th>
                <th scope="col">Tickets</th>
                <th scope="col">Paid</th>
                <th scope="col">Refunded</th>
                <th scope="col">Tickets a week earlier</th>
                <th scope="col">Paid a week earlier</th>
              </tr>
            </thead>
            <tbody>
              {hourly.hours.map((h) => (
                <tr key={h.hour}>
                  <th scope="row">{hourLabel(h.hour)}</th>
                  <td className="amount">{h.day.tickets}</td>
                  <td className="amount">{formatRupees(h.day.grossPaise)}</td>
                  <td className="amount">{formatRupees(h.day.refundedPaise)}</td>
                  <td className="amount">{h.weekBefore.tickets}</td>
                  <td className="amount">{formatRupees(h.weekBefore.grossPaise)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function ShowsTable({ sales }: { sales: TSales }) {
  return (
    <>
      <h3>Shows</h3>
      <div className="manager-table-scroll">
        <table className="manager-table">
          <thead>
            <tr>
              <th scope="col">Show</th>
              <th scope="col">Screen</th>
              <th scope="col">Sold</th>
              <th scope="col">Occupancy</th>
              <th scope="col">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {sales.showtimes.map((s) => {
              const pct = s.capacity ? Math.round((100 * s.sold) / s.capacity) : 0;
              return (
                <tr key={s.showtimeId}>
                  <th scope="row">
                    {formatShowTime(s.startsAt, sales.timeZone)} {s.movieTitle}
                    {s.cancelled && ' (cancelled)'}
                  </th>
                  <td>{s.screenName}</td>
                  <td>
                    {s.sold} / {s.capacity}
                    {s.blocked > 0 && ` (${s.blocked} blocked)`}
                  </td>
                  <td>
                    <meter min={0} max={100} value={pct} aria-label={`Occupancy ${pct}%`} /> {pct}%
                  </td>
                  <td>{formatRupees(s.revenuePaise)}</td>
                </tr>
              );
            })}
            {sales.showtimes.length === 0 && (
              <tr>
                <td colSpan={5}>No shows in these days.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
