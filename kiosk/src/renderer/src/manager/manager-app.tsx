// The manager dashboard at /manager: sign in, then tonight's board (the first page), the box office
// (counter staff see only this), the fleet, sales, bookings, cash shifts, seats, the cinema's tax
// particulars (admins change them), the month's GST returns, and (for admins) queues, kiosk releases
// and staff. Loaded only on /manager, so customers never download
// it. Each section is its own address, /manager/<section>, so a reload or a bookmark stays on it.
import type { TStaffMe } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { LanguageSwitch } from '../i18n/i18n';
import { BookingsView } from './bookings-view';
import { BoxOfficeView } from './box-office-view';
import { CashShiftsView } from './cash-shifts-view';
import { useDeskMessages } from './desk-messages';
import { FleetView } from './fleet-view';
import { GstReturnsView } from './gst-returns-view';
import { problem } from './problem';
import { QueuesView } from './queues-view';
import { ReleasesView } from './releases-view';
import { SalesView } from './sales-view';
import { MoviesView } from './movies-view';
import { PricesView } from './prices-view';
import { ScreensView } from './screens-view';
import { SeatsView } from './seats-view';
import { ShowsView } from './shows-view';
import { StaffSignIn } from './staff-sign-in';
import { StaffView } from './staff-view';
import { TaxView } from './tax-view';
import { TonightView } from './tonight-view';

const SECTIONS = [
  { id: 'tonight' },
  { id: 'box-office', counter: true },
  { id: 'fleet' },
  { id: 'sales' },
  { id: 'bookings' },
  { id: 'cash-shifts' },
  { id: 'shows' },
  { id: 'movies' },
  { id: 'screens' },
  { id: 'prices' },
  { id: 'seats' },
  { id: 'tax' },
  { id: 'gst-returns' },
  { id: 'queues', adminOnly: true },
  { id: 'releases', adminOnly: true },
  { id: 'staff', adminOnly: true },
] as const;
type TSection = (typeof SECTIONS)[number]['id'];

export default function ManagerApp() {
  const trpc = useTRPC();
  const me = useQuery(trpc.manager.me.queryOptions(undefined, { staleTime: 60_000 }));
  if (me.isPending) return <Spinner label="Loading…" />;
  if (me.error)
    return (
      <p className="notice notice-error" role="alert">
        {problem(me.error)}
      </p>
    );
  return me.data ? <Dashboard me={me.data} /> : <StaffSignIn title="Manager sign-in" />;
}

function Dashboard({ me }: { me: TStaffMe }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Relative to /manager (the route is nested): "/sales" is /manager/sales.
  const [location, navigate] = useLocation();
  const logout = useMutation(trpc.manager.logout.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  const t = useDeskMessages();
  // Counter staff see the box office only; admins also their own sections.
  const visible = SECTIONS.filter((s) =>
    me.role === 'STAFF' ? 'counter' in s : !('adminOnly' in s) || me.role === 'ADMIN',
  );
  // An unknown section, or one the caller's role does not see, shows the first section.
  const section: TSection = visible.find((s) => s.id === location.split('/')[1])?.id ?? visible[0]!.id;
  const setSection = (id: TSection) => navigate(`/${id}`);
  // On a phone the sections are one row scrolling sideways: the open one is brought into view.
  useEffect(() => {
    document
      .querySelector('.manager .screen-header nav [aria-current="page"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [section]);
  return (
    <div className="screen manager" data-screen={`manager-${section}`}>
      <header className="screen-header">
        <span className="brand">Marquee</span>
        <h1>{me.cinemaName ?? 'Dashboard'}</h1>
        <nav className="header-actions" aria-label="Dashboard sections">
          {visible.map((s) => (
            <button
              key={s.id}
              type="button"
              className={`button ${section === s.id ? 'button-primary' : 'button-ghost'}`}
              aria-current={section === s.id ? 'page' : undefined}
              onClick={() => setSection(s.id)}
            >
              {t.sections[s.id]}
            </button>
          ))}
        </nav>
        <LanguageSwitch />
        <span className="manager-who">
          {me.name} ({me.role.toLowerCase()})
        </span>
        <button type="button" className="button" onClick={() => logout.mutate()}>
          Sign out
        </button>
      </header>
      <main className="screen-body">
        {section === 'tonight' && <TonightView />}
        {section === 'fleet' && <FleetView isAdmin={me.role === 'ADMIN'} />}
        {section === 'sales' && <SalesView />}
        {section === 'box-office' && <BoxOfficeView canComp={me.role !== 'STAFF'} />}
        {section === 'bookings' && <BookingsView />}
        {section === 'cash-shifts' && <CashShiftsView />}
        {section === 'shows' && <ShowsView />}
        {section === 'movies' && <MoviesView />}
        {section === 'screens' && <ScreensView />}
        {section === 'prices' && <PricesView />}
        {section === 'seats' && <SeatsView />}
        {section === 'tax' && <TaxView isAdmin={me.role === 'ADMIN'} />}
        {section === 'gst-returns' && <GstReturnsView />}
        {section === 'queues' && me.role === 'ADMIN' && <QueuesView />}
        {section === 'releases' && me.role === 'ADMIN' && <ReleasesView />}
        {section === 'staff' && me.role === 'ADMIN' && <StaffView meId={me.id} />}
      </main>
    </div>
  );
}
