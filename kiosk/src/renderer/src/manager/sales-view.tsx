import { cinemaDate, formatRupees, formatShowTime, type TSales, type TSalesFigures } from '@marquee/shared';
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
        <SalesFigures sales={sales.data} />
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

function SalesFigures({ sales }: { sales: TSales }) {
  return (
    <>
      <div className="figure-row">
        <Figures label="All" f={sales.totals} />
        <Figures label="Kiosks" f={sales.byChannel.KIOSK} />
        <Figures label="Online" f={sales.byChannel.WEB} />
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
      <h3>Shows</h3>
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
    </>
  );
}
