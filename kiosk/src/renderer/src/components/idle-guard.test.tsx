// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../test/render';
import { IdleGuard } from './idle-guard';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('idle reset', () => {
  it('asks "Still there?" after a minute without a touch, then gives up', () => {
    const onTimeout = vi.fn();
    renderInApp(<IdleGuard enabled idleMs={60_000} warnMs={20_000} onTimeout={onTimeout} />);
    act(() => {
      vi.advanceTimersByTime(59_000);
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(screen.getByRole('alertdialog', { name: 'Still there?' })).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(19_900);
    });
    expect(onTimeout).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('starts the minute again on every touch, and "I\'m still here" keeps the customer', () => {
    const onTimeout = vi.fn();
    renderInApp(<IdleGuard enabled idleMs={60_000} warnMs={20_000} onTimeout={onTimeout} />);
    act(() => {
      vi.advanceTimersByTime(50_000);
    });
    act(() => {
      window.dispatchEvent(new Event('pointerdown'));
    });
    act(() => {
      vi.advanceTimersByTime(50_000);
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    fireEvent.click(screen.getByRole('button', { name: "I'm still here" }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('asks "Still paying?" instead while a customer pays, and still gives up when nobody answers', () => {
    const onTimeout = vi.fn();
    renderInApp(<IdleGuard enabled paying idleMs={240_000} warnMs={30_000} onTimeout={onTimeout} />);
    act(() => {
      vi.advanceTimersByTime(239_000);
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(screen.getByRole('alertdialog', { name: 'Still paying?' }).textContent).toContain(
      'Touch below to keep waiting for your payment. Otherwise we will start over in 30 seconds.',
    );
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('does nothing while disabled (the attract screen)', () => {
    const onTimeout = vi.fn();
    renderInApp(<IdleGuard enabled={false} idleMs={1_000} warnMs={1_000} onTimeout={onTimeout} />);
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
