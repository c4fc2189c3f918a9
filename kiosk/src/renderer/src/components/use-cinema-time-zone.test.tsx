// @vitest-environment happy-dom
import { cinemaDate } from '@marquee/shared';
import { cleanup, screen } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { useShowtimesByDay } from '../screens/movies/movies-screen';
import { renderWithApi } from '../test/render-with-api';
import { useTRPC } from '../trpc';
import { useCinemaTimeZone, useStaffTimeZone } from './use-cinema-time-zone';

afterEach(cleanup);

/** How many cinemas the API gave (so a test knows the answer is in), the zones and the cinema's today. */
function Zones() {
  const trpc = useTRPC();
  const cinemas = useQuery(trpc.catalog.cinemas.queryOptions()).data?.length ?? 0;
  const { today } = useShowtimesByDay();
  return <p>{`${cinemas} ${useCinemaTimeZone()} ${useStaffTimeZone()} ${today}`}</p>;
}

describe("the cinema's clock", () => {
  it("comes from the API (catalog.cinemas, the staff member's cinema), not from a zone written in the app", async () => {
    // Kiritimati is UTC+14: its calendar day differs from Kolkata's for most of every day.
    renderWithApi(<Zones />, {
      answers: {
        'catalog.cinemas': [
          { id: '0190a0b0-0000-7000-8000-000000000001', name: 'Far East', timeZone: 'Pacific/Kiritimati' },
        ],
        'catalog.showtimes': [],
        'manager.me': {
          id: '0190a0b0-0000-7000-8000-000000000002',
          email: 'm@example.com',
          name: 'M',
          role: 'MANAGER',
          cinemaName: 'Far West',
          cinemaTimeZone: 'Europe/London',
        },
      },
    });
    const today = cinemaDate(new Date(), 'Pacific/Kiritimati');
    expect(await screen.findByText(`1 Pacific/Kiritimati Europe/London ${today}`)).toBeTruthy();
  });

  it("uses the shows' own zone, not a guess, when the cinemas' zones differ", async () => {
    const cinema = (n: number, timeZone: string) => ({
      id: `0190a0b0-0000-7000-8000-00000000000${n}`,
      slug: `c${n}`,
      name: `C${n}`,
      city: 'X',
      timeZone,
    });
    renderWithApi(<Zones />, {
      answers: {
        'catalog.cinemas': [cinema(1, 'Pacific/Kiritimati'), cinema(2, 'Europe/London')],
        'catalog.showtimes': [],
        'manager.me': null,
      },
    });
    const device = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(await screen.findByText(`2 ${device} ${device} ${cinemaDate(new Date(), device)}`)).toBeTruthy();
  });
});
