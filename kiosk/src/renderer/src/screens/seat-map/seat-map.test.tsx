// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TSeat, TSeatMap } from '@marquee/shared';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useI18n } from '../../i18n/i18n';
import { renderInApp } from '../../test/render';
import { SeatMap } from './seat-map';
import { applySeatChange, lostSeats, selectionPrice, toggleSeat } from './seat-selection';
import { fitSeatSize, gridWidth, MAX_FIT, TOUCH_TARGET, zoomInFrom, zoomOutFrom } from './seat-zoom';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

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
  prices: [
    { seatType: 'STANDARD', pricePaise: 20_000 },
    { seatType: 'WHEELCHAIR', pricePaise: 20_000 },
    { seatType: 'COMPANION', pricePaise: 20_000 },
  ],
  rules: { noSingleSeatGap: true },
  fee: { kioskPerSeatPaise: 0, webPerSeatPaise: 2_000 },
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
  it('draws every seat as a button named by its number, row, type and state, leaving the aisle empty', () => {
    renderInApp(<Picker initial={map} />);
    const group = screen.getByRole('group', { name: 'Pick your seats' });
    expect(within(group).getAllByRole('button')).toHaveLength(13);
    expect(screen.getByRole('button', { name: '1, row A, wheelchair space, available' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '2, row A, companion seat, available' })).toBeTruthy();
    const sold = screen.getByRole<HTMLButtonElement>('button', { name: '5, row A, standard, taken' });
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
    const a3 = screen.getByRole('button', { name: /^3, row A,/ });
    fireEvent.click(a3);
    expect(a3.getAttribute('aria-pressed')).toBe('true');
    expect(a3.getAttribute('aria-label')).toBe('3, row A, standard, selected');
    fireEvent.click(a3);
    expect(a3.getAttribute('aria-pressed')).toBe('false');
  });

  it('refuses an eleventh seat and keeps the ten', () => {
    renderInApp(<Picker initial={map} />);
    const free = map.seats.filter((s) => s.state === 'available').map((s) => s.label);
    const named = (label: string) => new RegExp(`^${label.slice(1)}, row ${label[0]!},`);
    for (const label of free.slice(0, 10)) fireEvent.click(screen.getByRole('button', { name: named(label) }));
    expect(screen.getByText('none')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: named(free[10]!) }));
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
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '7, row A, standard, taken' }).disabled).toBe(true);
    expect(lostSeats(next.map, new Set([id(7), id(8)])).map((s) => s.label)).toEqual(['A7']);
  });

  it('asks for a refetch when a live update skips a version, and ignores an old one', () => {
    expect(applySeatChange(map, { showtimeId: map.showtimeId, version: 6, seats: [] }).stale).toBe(true);
    expect(
      applySeatChange(map, { showtimeId: map.showtimeId, version: 4, seats: [{ id: id(3), state: 'sold' }] }),
    ).toEqual({ map, stale: false });
  });
});

// Audi 1 of the demo seed: standard rows, premium rows, a recliner row, a blocked seat and a sold one.
const hall: TSeatMap = {
  ...map,
  columns: 18,
  rows: 3,
  prices: [
    { seatType: 'STANDARD', pricePaise: 19_000 },
    { seatType: 'WHEELCHAIR', pricePaise: 19_000 },
    { seatType: 'PREMIUM', pricePaise: 26_000 },
    { seatType: 'RECLINER', pricePaise: 45_000 },
  ],
  seats: [
    seat(1, { type: 'WHEELCHAIR' }),
    seat(2, { state: 'blocked' }),
    seat(3, { state: 'sold' }),
    seat(4, { row: 'B', label: 'B4', y: 1, type: 'PREMIUM' }),
    seat(5, { row: 'C', label: 'C5', y: 2, type: 'RECLINER' }),
  ],
};

function legendEntries(name = 'Seat key') {
  return within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);
}

function Hindi({ children }: { children: ReactNode }) {
  const { setLanguage } = useI18n();
  return (
    <>
      <button type="button" onClick={() => setLanguage('hi')}>
        hi
      </button>
      {children}
    </>
  );
}

describe('seat key', () => {
  it('lists every seat type of the show with its price, then your seat, taken and blocked', () => {
    renderInApp(<SeatMap map={hall} selected={new Set()} onToggle={() => undefined} />);
    expect(legendEntries()).toEqual([
      'Standard ₹190.00',
      'Premium ₹260.00',
      'Recliner ₹450.00',
      '♿Wheelchair space ₹190.00',
      'Your seat',
      'Taken',
      'Blocked',
    ]);
  });

  it('leaves out types the hall lacks and states no seat is in, and prices it cannot know', () => {
    const plain = { columns: 3, rows: 1, seats: [seat(1), seat(2), seat(3)] };
    renderInApp(<SeatMap map={plain} selected={new Set()} onToggle={() => undefined} />);
    expect(legendEntries()).toEqual(['Standard', 'Your seat']);
  });

  it('for staff says "Selected", always lists "Blocked", and gives a blocked seat its reason', () => {
    const plain = { columns: 3, rows: 1, seats: [seat(1), seat(2, { state: 'blocked' }), seat(3)] };
    renderInApp(
      <SeatMap
        map={plain}
        selected={new Set()}
        onToggle={() => undefined}
        notes={new Map([[id(2), 'Blocked: House seats']])}
        forStaff
      />,
    );
    expect(legendEntries()).toEqual(['Standard', 'Selected', 'Blocked']);
    const blocked = screen.getByRole('button', { name: '2, row A, standard, not available, Blocked: House seats' });
    expect(blocked.title).toBe('Blocked: House seats');
    cleanup();
    renderInApp(
      <SeatMap map={{ ...plain, seats: [seat(1)] }} selected={new Set()} onToggle={() => undefined} forStaff />,
    );
    expect(legendEntries()).toEqual(['Standard', 'Selected', 'Blocked']);
  });

  it('draws each seat type and state with its own class, so each has its own shape', () => {
    renderInApp(<SeatMap map={hall} selected={new Set([id(5)])} onToggle={() => undefined} />);
    const key = screen.getByRole('list', { name: 'Seat key' });
    const swatches = [...key.querySelectorAll('.legend-swatch')].map((el) => el.className);
    expect(new Set(swatches).size).toBe(swatches.length);
    expect(screen.getByRole('button', { name: '4, row B, premium, available' }).className).toContain('seat-premium');
    expect(screen.getByRole('button', { name: '2, row A, standard, not available' }).className).toContain(
      'seat-blocked',
    );
  });

  it('speaks Hindi in Hindi, prices included', () => {
    renderInApp(
      <Hindi>
        <SeatMap map={hall} selected={new Set()} onToggle={() => undefined} />
      </Hindi>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'hi' }));
    expect(screen.getByRole('button', { name: '4, पंक्ति B, प्रीमियम, उपलब्ध' })).toBeTruthy();
    expect(legendEntries('सीटों की जानकारी')).toContain('प्रीमियम ₹260.00');
    expect(legendEntries('सीटों की जानकारी')).toContain('रोकी गई');
  });
});

describe('seat names', () => {
  it('begin with what each seat shows, so voice control can name them', () => {
    renderInApp(<SeatMap map={hall} selected={new Set([id(5)])} onToggle={() => undefined} />);
    const seats = within(screen.getByRole('group', { name: 'Pick your seats' })).getAllByRole('button');
    expect(seats).toHaveLength(hall.seats.length);
    for (const button of seats) {
      const shown = button.textContent;
      const name = button.getAttribute('aria-label')!;
      // The wheelchair space shows a symbol, not text; its name starts with its number like the others.
      if (/^\d+$/.test(shown)) expect(name.startsWith(`${shown}, row `)).toBe(true);
      else expect(name).toMatch(/^1, row A, wheelchair space/);
    }
  });
});

describe('zooming on a phone', () => {
  it('fits every column of Audi 1 in a 320 px and a 360 px phone, and the kiosk keeps 48 px seats', () => {
    for (const width of [296, 336]) {
      const fit = fitSeatSize(width, 18);
      expect(gridWidth(fit, 18)).toBeLessThanOrEqual(width);
      expect(gridWidth(fit + 1, 18)).toBeGreaterThan(width);
      expect(fit).toBeLessThan(TOUCH_TARGET);
    }
    expect(fitSeatSize(1032, 18)).toBe(MAX_FIT);
    expect(fitSeatSize(0, 18)).toBe(MAX_FIT);
    expect(zoomInFrom(14)).toBeGreaterThanOrEqual(TOUCH_TARGET);
    expect(zoomInFrom(60)).toBe(72);
    expect(zoomOutFrom(48)).toBeLessThan(48);
  });

  function onPhone() {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(336);
  }

  it('a touch on a seat too small for a finger zooms in first; the next touch picks it', () => {
    onPhone();
    renderInApp(<Picker initial={{ ...map, columns: 18 }} />);
    const a3 = screen.getByRole('button', { name: /^3, row A,/ });
    expect(a3.closest<HTMLElement>('.seat-map')!.style.getPropertyValue('--seat')).toBe(`${fitSeatSize(336, 18)}px`);
    fireEvent.pointerDown(a3, { pointerType: 'touch' });
    fireEvent.click(a3);
    expect(a3.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('Zoomed in. Touch the seat again to pick it.')).toBeTruthy();
    expect(a3.closest<HTMLElement>('.seat-map')!.style.getPropertyValue('--seat')).toBe('48px');
    fireEvent.pointerDown(a3, { pointerType: 'touch' });
    fireEvent.click(a3);
    expect(a3.getAttribute('aria-pressed')).toBe('true');
  });

  it('a mouse click or a key picks at once, and the zoom buttons grow and shrink the seats', () => {
    onPhone();
    renderInApp(<Picker initial={{ ...map, columns: 18 }} />);
    const size = () => screen.getByRole('group', { name: 'Pick your seats' }).closest<HTMLElement>('.seat-map')!;
    const a4 = screen.getByRole('button', { name: /^4, row A,/ });
    fireEvent.pointerDown(a4, { pointerType: 'mouse' });
    fireEvent.click(a4);
    expect(a4.getAttribute('aria-pressed')).toBe('true');
    const zoomOut = screen.getByRole<HTMLButtonElement>('button', { name: 'Zoom out' });
    expect(zoomOut.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(size().style.getPropertyValue('--seat')).toBe('48px');
    fireEvent.click(zoomOut);
    fireEvent.click(zoomOut);
    fireEvent.click(zoomOut);
    expect(size().style.getPropertyValue('--seat')).toBe(`${fitSeatSize(336, 18)}px`);
    expect(zoomOut.disabled).toBe(true);
  });

  it('a double tap on the map between seats zooms in there', () => {
    onPhone();
    const { container } = renderInApp(<Picker initial={{ ...map, columns: 18 }} />);
    const seatMap = container.querySelector<HTMLElement>('.seat-map')!;
    fireEvent.doubleClick(container.querySelector('.seat-map-viewport')!);
    expect(seatMap.style.getPropertyValue('--seat')).toBe('48px');
    expect(screen.queryAllByRole('button', { pressed: true })).toHaveLength(0);
  });

  it('shows no zoom buttons where the seats are big enough (the kiosk)', () => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1032);
    renderInApp(<Picker initial={{ ...map, columns: 18 }} />);
    expect(screen.queryByRole('button', { name: 'Zoom in' })).toBeNull();
  });
});

describe('price of the picked seats', () => {
  it('adds the booking fee of the channel, per seat, to the seat prices', () => {
    const picked = [hall.seats[3]!, hall.seats[4]!];
    expect(selectionPrice(hall, picked, 'WEB')).toEqual({
      seatsPaise: 71_000,
      feePaise: 4_000,
      totalPaise: 75_000,
    });
    expect(selectionPrice(hall, picked, 'KIOSK')).toEqual({ seatsPaise: 71_000, feePaise: 0, totalPaise: 71_000 });
    expect(selectionPrice(hall, [], 'WEB').totalPaise).toBe(0);
  });
});

describe('seat colours', () => {
  // WCAG 1.4.11: a seat's edge is what shows it is there; each is at least 3:1 against the page.
  function luminance(hex: string): number {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  }
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it('draws every seat border at 3:1 or more against the background', () => {
    const css = readFileSync(join(import.meta.dirname, '../../styles.css'), 'utf8');
    const section = css.slice(css.indexOf('/* The seat map fits its width'), css.indexOf('.legend-price'));
    const accent = /--accent: (#[0-9a-f]{6})/.exec(css)![1]!;
    const background = /--bg: (#[0-9a-f]{6})/.exec(css)![1]!;
    const borders = [...section.matchAll(/border(?:-color)?: [^;]*?(#[0-9a-f]{6}|var\(--accent\))/g)].map((m) =>
      m[1] === 'var(--accent)' ? accent : m[1]!,
    );
    expect(borders.length).toBeGreaterThanOrEqual(7);
    for (const colour of borders) expect(contrast(colour, background), colour).toBeGreaterThanOrEqual(3);
  });
});
