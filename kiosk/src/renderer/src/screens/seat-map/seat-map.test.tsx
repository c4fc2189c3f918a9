// @vitest-environment happy-dom
import type { TSeat, TSeatMap } from '@marquee/shared';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render';
import { SeatMap } from './seat-map';
import { applySeatChange, lostSeats, toggleSeat } from './seat-selection';

afterEach(cleanup);

const id = (n: number) => `0190a0b0-0000-7000-8000-${String(n).padStart(12, '0')}`;
function seat(n: number, over: Partial<TSeat> = {}): TSeat {
  return {
    id: id(n),
    label: `A${n}`,
    row: 'A',
    number: n,
    type: 'STANDARD',
    x: n - 1,
    y: 0,
    companionOfId: null,
    state: 'available',
    ...over,
  };
}

// Row A: A1 wheelchair + A2 companion, an aisle at column 2, then A3..A13 (A5 sold).
const map: TSeatMap = {
  showtimeId: id(999),
  version: 4,
  columns: 14,
  rows: 1,
  prices: [{ seatType: 'STANDARD', pricePaise: 20_000 }],
  rules: { noSingleSeatGap: true },
  seats: [
    seat(1, { type: 'WHEELCHAIR' }),
    seat(2, { type: 'COMPANION', companionOfId: id(1) }),
    ...Array.from({ length: 11 }, (_, i) => seat(i + 3, { x: i + 3, state: i + 3 === 5 ? 'sold' : 'available' })),
  ],
};

function Picker({ initial }: { initial: TSeatMap }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [refused, setRefused] = useState<string | null>(null);
  return (
    <>
      <SeatMap
        map={initial}
        selected={selected}
        onToggle={(s) => {
          const r = toggleSeat(selected, s);
          setSelected(r.selected);
          setRefused(r.refused);
        }}
      />
      <output>{refused ?? 'none'}</output>
    </>
  );
}

describe('seat map', () => {
  it('draws every seat as a button named by its label, type and state, leaving the aisle empty', () => {
    renderInApp(<Picker initial={map} />);
    const group = screen.getByRole('group', { name: 'Pick your seats' });
    expect(within(group).getAllByRole('button')).toHaveLength(13);
    expect(screen.getByRole('button', { name: 'Seat A1, wheelchair space, available' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Seat A2, companion seat, available' })).toBeTruthy();
    const sold = screen.getByRole<HTMLButtonElement>('button', { name: 'Seat A5, standard, taken' });
    expect(sold.disabled).toBe(true);
    // Column 3 of the grid (x = 2, after the row-label column) is the aisle: no seat is placed there.
    const columns = within(group)
      .getAllByRole('button')
      .map((b) => b.style.gridColumn);
    expect(columns).not.toContain('4');
    expect(screen.getByRole('list', { name: 'Seat key' })).toBeTruthy();
  });

  it('selects and unselects with a touch, and says so to screen readers', () => {
    renderInApp(<Picker initial={map} />);
    const a3 = screen.getByRole('button', { name: /^Seat A3,/ });
    fireEvent.click(a3);
    expect(a3.getAttribute('aria-pressed')).toBe('true');
    expect(a3.getAttribute('aria-label')).toBe('Seat A3, standard, selected');
    fireEvent.click(a3);
    expect(a3.getAttribute('aria-pressed')).toBe('false');
  });

  it('refuses an eleventh seat and keeps the ten', () => {
    renderInApp(<Picker initial={map} />);
    const free = map.seats.filter((s) => s.state === 'available').map((s) => s.label);
    for (const label of free.slice(0, 10))
      fireEvent.click(screen.getByRole('button', { name: new RegExp(`^Seat ${label},`) }));
    expect(screen.getByText('none')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`^Seat ${free[10]},`) }));
    expect(screen.getByText('max-seats')).toBeTruthy();
    expect(screen.getAllByRole('button', { pressed: true })).toHaveLength(10);
  });

  it('shows a seat taken live as taken, and drops it from the selection', () => {
    const { rerender } = renderInApp(<Picker initial={map} />);
    const next = applySeatChange(map, {
      showtimeId: map.showtimeId,
      version: 5,
      seats: [{ id: id(7), state: 'held' }],
    });
    expect(next.stale).toBe(false);
    act(() => rerender(<Picker initial={next.map} />));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Seat A7, standard, taken' }).disabled).toBe(true);
    expect(lostSeats(next.map, new Set([id(7), id(8)])).map((s) => s.label)).toEqual(['A7']);
  });

  it('asks for a refetch when a live update skips a version, and ignores an old one', () => {
    expect(applySeatChange(map, { showtimeId: map.showtimeId, version: 6, seats: [] }).stale).toBe(true);
    expect(
      applySeatChange(map, { showtimeId: map.showtimeId, version: 4, seats: [{ id: id(3), state: 'sold' }] }),
    ).toEqual({ map, stale: false });
  });
});
