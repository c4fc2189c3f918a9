// @vitest-environment happy-dom
import type { TTonight } from '@marquee/shared';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { renderWithApi } from '../test/render-with-api';
import { TonightView } from './tonight-view';

afterEach(cleanup);

const SHOW = '0190a0b0-0000-7000-8000-0000000000a1';
const board: TTonight = {
  at: '2026-11-27T14:15:00.000Z',
  date: '2026-11-27',
  timeZone: 'Asia/Kolkata',
  alerts: [{ kioskId: '0190a0b0-0000-7000-8000-0000000000b1', kioskName: 'Lobby 1', alert: 'printer out of paper' }],
  shows: [
    {
      showtimeId: SHOW,
      movieTitle: 'Starfall Express',
      screenName: 'Audi 2',
      startsAt: '2026-11-27T14:30:00.000Z',
      endsAt: '2026-11-27T16:32:00.000Z',
      state: 'DOORS_OPEN',
      sold: 40,
      held: 6,
      blocked: 4,
      capacity: 90,
      admitted: 12,
    },
  ],
};

describe('the Tonight board', () => {
  it('shows the kiosk alerts, each show with its figures and state, and opens a show’s bookings', async () => {
    const { hook, history } = memoryLocation({ path: '/tonight', record: true });
    renderWithApi(
      <Router hook={hook}>
        <TonightView />
      </Router>,
      { answers: { 'tonight.onChange': board } },
    );
    const alerts = await screen.findByRole('alert', { name: 'Kiosk alerts' });
    expect(alerts.textContent).toContain('Lobby 1: printer out of paper');
    const card = screen.getByRole('listitem', { name: '8:00 pm Starfall Express' });
    const figure = (name: string) => card.querySelector(`[data-figure="${name}"]`)?.textContent;
    expect([figure('sold'), figure('held'), figure('blocked'), figure('free'), figure('admitted')]).toEqual([
      '40',
      '6',
      '4',
      '40 / 90',
      '12 / 40',
    ]);
    expect(within(card).getByText('doors open')).toBeTruthy();
    expect(within(card).getByText('Audi 2 · until 10:02 pm')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Bookings of Starfall Express at 8:00 pm' }));
    expect(history.at(-1)).toBe(`/bookings?show=${SHOW}`);
  });
});
