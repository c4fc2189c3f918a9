// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { ConnectionMonitor, RequestTimeoutError, type TConnectionTimings } from './connection-monitor';
import { ConnectionStatus } from './connection-status';

const timings: TConnectionTimings = { slowMs: 4_000, requestTimeoutMs: 12_000, retryMinMs: 1_000, retryMaxMs: 5_000 };

/** A fetch whose answers the test decides: 'answer', 'fail' (network down) or 'hang'. */
function fakeNetwork() {
  const net = { mode: 'answer' as 'answer' | 'fail' | 'hang', calls: 0 };
  const fetchImpl: typeof fetch = (_input, init) => {
    net.calls += 1;
    if (net.mode === 'answer') return Promise.resolve(new Response('{}'));
    if (net.mode === 'fail') return Promise.reject(new TypeError('Failed to fetch'));
    return new Promise((_resolve, reject) =>
      init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
    );
  };
  return { net, fetchImpl };
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the connection monitor', () => {
  it('calls the connection lost at once when a request fails, retries with backoff, and clears when the API answers', async () => {
    const { net, fetchImpl } = fakeNetwork();
    const probe = vi.fn(async () => net.mode === 'answer');
    const changes: string[] = [];
    const monitor = new ConnectionMonitor({ probe, timings, onChange: (s) => changes.push(s) });
    const request = monitor.fetchFor('request', fetchImpl);

    net.mode = 'fail';
    await expect(request('/trpc/holds.create')).rejects.toThrow('Failed to fetch');
    expect(monitor.getState()).toBe('offline');

    // Retries at 1, 2, 4, 5, 5 s after each other: the backoff, capped.
    const at: number[] = [];
    probe.mockImplementation(async () => {
      at.push(Date.now());
      return net.mode === 'answer';
    });
    const start = Date.now();
    await advance(17_000);
    expect(at.map((t) => t - start)).toEqual([1_000, 3_000, 7_000, 12_000, 17_000]);

    net.mode = 'answer';
    await advance(5_000);
    expect(monitor.getState()).toBe('online');
    expect(changes).toEqual(['offline', 'online']);
    await advance(30_000);
    expect(at).toHaveLength(6); // no more probes once back
  });

  it('calls a request that hangs lost after slowMs, and aborts it with a timeout after requestTimeoutMs', async () => {
    const { net, fetchImpl } = fakeNetwork();
    net.mode = 'hang';
    const monitor = new ConnectionMonitor({ probe: async () => false, timings });
    const outcome = monitor
      .fetchFor(
        'request',
        fetchImpl,
      )('/trpc/holds.create')
      .catch((err: unknown) => err);
    await advance(3_999);
    expect(monitor.getState()).toBe('online');
    await advance(1);
    expect(monitor.getState()).toBe('offline');
    await advance(8_000);
    expect(await outcome).toBeInstanceOf(RequestTimeoutError);
  });

  it('does not count a request its caller cancelled, nor time out a live stream', async () => {
    const { net, fetchImpl } = fakeNetwork();
    net.mode = 'hang';
    const monitor = new ConnectionMonitor({ probe: async () => true, timings });
    const controller = new AbortController();
    const cancelled = monitor
      .fetchFor('request', fetchImpl)('/trpc/x', { signal: controller.signal })
      .catch((err: unknown) => err);
    controller.abort();
    await cancelled;
    expect(monitor.getState()).toBe('online');

    let settled = false;
    void monitor
      .fetchFor(
        'stream',
        fetchImpl,
      )('/trpc/seats.onChange')
      .finally(() => (settled = true))
      .catch(() => undefined);
    await advance(60_000);
    expect(settled).toBe(false);
    expect(monitor.getState()).toBe('online');
  });

  it('follows the browser going offline, and tries at once when it says it is back', async () => {
    const probe = vi.fn(async () => true);
    const monitor = new ConnectionMonitor({ probe, timings });
    const stop = monitor.watchBrowser(window);
    window.dispatchEvent(new Event('offline'));
    expect(monitor.getState()).toBe('offline');
    window.dispatchEvent(new Event('online'));
    await advance(0);
    expect(monitor.getState()).toBe('online');
    stop();
  });
});

describe('the connection-lost message', () => {
  it('shows within 5 s of a request hanging, in the chosen language, and goes away by itself when the API answers', async () => {
    const { net, fetchImpl } = fakeNetwork();
    const monitor = new ConnectionMonitor({ probe: async () => net.mode === 'answer', timings });
    render(
      <I18nProvider initial="hi">
        <ConnectionStatus connection={monitor} />
      </I18nProvider>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    net.mode = 'hang';
    void monitor
      .fetchFor(
        'request',
        fetchImpl,
      )('/trpc/holds.create')
      .catch(() => undefined);
    await advance(5_000);
    expect(screen.getByRole('alert').textContent).toContain('कनेक्शन टूट गया। फिर से जोड़ रहे हैं…');
    net.mode = 'answer';
    await advance(5_000);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says it in English too', async () => {
    const monitor = new ConnectionMonitor({ probe: async () => false, timings });
    render(
      <I18nProvider>
        <ConnectionStatus connection={monitor} />
      </I18nProvider>,
    );
    act(() => monitor.markOffline());
    expect(screen.getByRole('alert').textContent).toContain('We lost the connection. Trying again…');
    monitor.dispose();
  });
});

describe('a watched live stream', () => {
  it('still stops its body when its caller aborts after the answer came', async () => {
    const monitor = new ConnectionMonitor({ probe: async () => true, timings });
    let seen: AbortSignal | undefined;
    const fetchImpl: typeof fetch = (_input, init) => {
      seen = init?.signal ?? undefined;
      return Promise.resolve(new Response('data: 1\n\n'));
    };
    const caller = new AbortController();
    await monitor.fetchFor('stream', fetchImpl)('/trpc/seats.onChange', { signal: caller.signal });
    expect(seen?.aborted).toBe(false);
    caller.abort();
    expect(seen?.aborted).toBe(true);
  });
});
