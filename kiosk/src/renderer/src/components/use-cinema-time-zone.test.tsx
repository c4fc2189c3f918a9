// @vitest-environment happy-dom
import { cinemaDate } from '@marquee/shared';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useShowtimesByDay } from '../screens/movies/movies-screen';
import { renderWithApi } from '../test/render-with-api';
import { useCinemaTimeZone, useStaffTimeZone } from './use-cinema-time-zone';

afterEach(cleanup);

function Zones() {
  const { today } = useShowtimesByDay();
  return (
    <p>
      {useCinemaTimeZone()} {useStaffTimeZone()} {today}
    </p>
  );
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
    expect(await screen.findByText(`Pacific/Kiritimati Europe/London ${today}`)).toBeTruthy();
  });
});
