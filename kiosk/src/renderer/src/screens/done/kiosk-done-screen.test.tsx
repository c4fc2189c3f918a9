// @vitest-environment happy-dom
import type { TBooking } from '@marquee/shared';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TPrintResult } from '../../../../common/print-job';
import { I18nProvider } from '../../i18n/i18n';
import type { TLanguage } from '../../i18n/messages';
import { KIOSK_TIMINGS } from '../../kiosk-timings';
import type { TPlatform } from '../../platform/platform';
import { PlatformContext } from '../../platform/platform-context';
import { KioskDoneScreen } from './kiosk-done-screen';

const booking: TBooking = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  code: 'K7QX2M',
  status: 'CONFIRMED',
  statusReason: null,
  showtimeId: '0190a0b0-0000-7000-8000-000000000002',
  amountPaise: 43_000,
  feePaise: 3_000,
  feeGstRatePercent: 18,
  expiresAt: '2026-11-28T13:00:00.000Z',
  confirmedAt: '2026-11-28T12:55:00.000Z',
  showtime: {
    cinemaName: 'Marquee Central',
    movieTitle: 'Starfall Express',
    certificate: 'UA',
    screenName: 'Audi 2',
    startsAt: '2026-11-28T14:00:00.000Z',
    timeZone: 'Asia/Kolkata',
  },
  customerEmail: null,
  seats: [{ seatId: '0190a0b0-0000-7000-8000-000000000003', label: 'C5', type: 'STANDARD', pricePaise: 20_000 }],
  tickets: [{ id: '0190a0b0-0000-7000-8000-000000000004', seatLabel: 'C5', token: 'tok' }],
  invoice: null,
};

const paperOut: TPrintResult = {
  ok: false,
  code: 'PRINTER_PAPER_OUT',
  message: 'The ticket printer is out of paper.',
  status: 'paper_out',
};

function platformPrinting(results: TPrintResult[]): TPlatform & { printed: ReturnType<typeof vi.fn> } {
  const printed = vi.fn(async () => results.shift() ?? paperOut);
  return {
    printed,
    mode: 'kiosk',
    apiOrigin: 'http://127.0.0.1',
    appVersion: 'test',
    registered: true,
    authHeaders: () => ({}),
    register: async () => ({ ok: false, message: 'no' }),
    print: printed,
    printerState: async () => 'paper_out',
    reportScreen: () => undefined,
  };
}

function renderDone(
  platform: TPlatform,
  { language = 'en', b = booking, printFailedMs }: { language?: TLanguage; b?: TBooking; printFailedMs?: number } = {},
) {
  const onDone = vi.fn();
  const onPrintError = vi.fn();
  render(<KioskDoneScreen booking={b} onDone={onDone} onPrintError={onPrintError} printFailedMs={printFailedMs} />, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <PlatformContext.Provider value={platform}>
        <I18nProvider initial={language}>{children}</I18nProvider>
      </PlatformContext.Provider>
    ),
  });
  return { onDone, onPrintError };
}

/** Lets the print promise settle under fake timers. */
async function settle() {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the kiosk after a failed print', () => {
  it("shows the code large with the printer's reason, counts down, and leaves by itself after printFailedMs", async () => {
    const { onDone, onPrintError } = renderDone(platformPrinting([paperOut]), { printFailedMs: 60_000 });
    await settle();
    expect(onPrintError).toHaveBeenCalledWith('PRINTER_PAPER_OUT');
    expect(screen.getByText('The ticket printer is out of paper.')).toBeTruthy();
    expect(screen.getByText('K7QX2M')).toBeTruthy();
    expect(screen.getByText('Collect your tickets at any kiosk or the box office with this code.')).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('This screen closes in 60 seconds.');
    expect(screen.getByRole('button', { name: 'Reprint' })).toBeTruthy();

    await act(async () => {
      await vi.advanceTimersByTimeAsync(59_000);
    });
    expect(screen.getByRole('timer').textContent).toBe('This screen closes in 1 second.');
    expect(onDone).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem(`marquee.printFailedUntil.${booking.id}`)).toBeNull();
  });

  it('leaves after 60 s by default', () => {
    expect(KIOSK_TIMINGS.printFailedMs).toBe(60_000);
  });

  it('says so in Hindi, printer reason included, and that the e-tickets were emailed when there is an email', async () => {
    renderDone(platformPrinting([paperOut]), { language: 'hi', b: { ...booking, customerEmail: 'a@example.com' } });
    await settle();
    expect(screen.getByText('हम आपके टिकट नहीं छाप सके।')).toBeTruthy();
    expect(screen.getByText('टिकट प्रिंटर में काग़ज़ ख़त्म हो गया है।')).toBeTruthy();
    expect(screen.getByText('आपके ई-टिकट आपके ईमेल पर भेज दिए गए हैं: दरवाज़े पर उन्हें दिखाएँ।')).toBeTruthy();
    expect(screen.queryByText(/out of paper/)).toBeNull();
    expect(screen.getByRole('button', { name: 'दोबारा छापें' })).toBeTruthy();
  });

  it('asks before Done that the code be noted, since it will not be shown again', async () => {
    const { onDone } = renderDone(platformPrinting([paperOut]));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('it will not be shown again');
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    fireEvent.click(screen.getByRole('button', { name: 'I have my code' }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('reprints within the window without extending it, and a reprint that works ends as printed', async () => {
    const platform = platformPrinting([paperOut, paperOut, { ok: true, printed: 1, status: 'ok' }]);
    const { onDone } = renderDone(platform, { printFailedMs: 30_000 });
    await settle();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(20_000);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Reprint' }));
    await settle();
    // Failed again: the countdown goes on from where it was.
    expect(screen.getByRole('timer').textContent).toBe('This screen closes in 10 seconds.');
    fireEvent.click(screen.getByRole('button', { name: 'Reprint' }));
    await settle();
    expect(screen.getByText('Take your tickets below.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reprint' })).toBeNull();
    expect(platform.printed).toHaveBeenCalledTimes(3);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('back from a reload after its window, leaves at once without showing the code or printing', async () => {
    localStorage.setItem(`marquee.printFailedUntil.${booking.id}`, new Date(Date.now() - 1000).toISOString());
    const platform = platformPrinting([paperOut]);
    const { onDone } = renderDone(platform);
    await settle();
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(platform.printed).not.toHaveBeenCalled();
    expect(screen.queryByText('K7QX2M')).toBeNull();
  });
});
