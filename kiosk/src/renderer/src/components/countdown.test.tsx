// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../test/render';
import { Countdown } from './countdown';

beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('hold countdown', () => {
  it('counts down to the hold end and says so once when time is up', () => {
    const onExpire = vi.fn();
    renderInApp(<Countdown expiresAt="2026-11-25T12:01:05.000Z" onExpire={onExpire} />);
    expect(screen.getByRole('timer').textContent).toBe('1:05');
    act(() => {
      vi.advanceTimersByTime(6_000);
    });
    expect(screen.getByRole('timer').textContent).toBe('0:59');
    expect(screen.getByRole('timer').closest('.countdown')?.className).toContain('countdown-urgent');
    expect(onExpire).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(screen.getByRole('timer').textContent).toBe('0:00');
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
