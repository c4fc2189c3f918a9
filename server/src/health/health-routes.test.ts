import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../db/prisma';
import { createRedis } from '../redis';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer } from '../test/test-server';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// Port 9 (discard) on loopback: nothing listens there, so connections are refused at once.
const NOWHERE = '127.0.0.1:9';

describe('health endpoints', () => {
  it('reports ok when Postgres and Redis answer', async () => {
    const server = await startTestServer(ctx);
    try {
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok' });
      expect(ready.headers.get('x-request-id')).toMatch(/\S+/);
    } finally {
      await server.close();
    }
  });

  it('sends the security headers on every response, API calls included', async () => {
    const server = await startTestServer(ctx);
    try {
      for (const path of ['/healthz', '/trpc/catalog.movies', '/no-such-page']) {
        const headers = (await fetch(`${server.url}${path}`)).headers;
        expect(headers.get('content-security-policy'), path).toContain("default-src 'self'");
        expect(headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
        expect(headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
        expect(headers.get('cross-origin-resource-policy'), path).toBe('same-site');
        expect(headers.get('x-powered-by'), path).toBeNull();
      }
    } finally {
      await server.close();
    }
  });

  it('lets only the /kiosk page connect to the print agent on loopback', async () => {
    const server = await startTestServer(ctx);
    // connect-src besides Razorpay Checkout's own reporting hosts (web/web-routes.test.ts checks those).
    const connectSrc = async (path: string) =>
      ((await fetch(`${server.url}${path}`)).headers.get('content-security-policy') ?? '')
        .split(';')
        .find((directive) => directive.startsWith('connect-src '))
        ?.split(' ')
        .slice(1)
        .filter((source) => !source.endsWith('.razorpay.com'));
    try {
      for (const path of ['/', '/manager', '/find', '/trpc/catalog.movies', '/kiosk-not', '/healthz'])
        expect(await connectSrc(path), path).toEqual(["'self'"]);
      for (const path of ['/kiosk', '/kiosk?lang=hi'])
        expect(await connectSrc(path), path).toEqual(["'self'", 'http://127.0.0.1:*']);
    } finally {
      await server.close();
    }
  });

  it('stays ready but degraded without Redis', async () => {
    const redis = createRedis({ url: `redis://${NOWHERE}`, prefix: 'x:' });
    redis.on('error', () => {}); // the refusals are the point of this test
    const server = await startTestServer({ ...ctx, redis });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      // Public: whether each check passed, never why not (that is in the log).
      expect(await ready.json()).toEqual({
        status: 'degraded',
        checks: { postgres: { ok: true }, redis: { ok: false } },
      });
    } finally {
      await server.close();
      redis.disconnect();
    }
  });

  it('answers 503 without Postgres, on /readyz and on API calls, with a readable message', async () => {
    const prisma = createPrisma({ databaseUrl: `postgresql://postgres@${NOWHERE}/none`, poolSize: 1 });
    const server = await startTestServer({ ...ctx, prisma });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      const readyBody = await ready.text();
      expect(JSON.parse(readyBody)).toEqual({
        status: 'unavailable',
        checks: { postgres: { ok: false }, redis: { ok: true } },
      });
      expect(readyBody).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|error/i);
      const res = await fetch(`${server.url}/trpc/catalog.movies`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { message: string; data: { appCode: string } } };
      expect(body.error.data.appCode).toBe('SERVICE_UNAVAILABLE');
      expect(body.error.message).toMatch(/temporarily unavailable/);
    } finally {
      await server.close();
      await prisma.$disconnect();
    }
  });

  it('serves Prometheus metrics, queue depths included', async () => {
    const server = await startTestServer(ctx);
    try {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      expect(text).toMatch(/marquee_queue_jobs\{queue="receipts",state="failed"\} 0/);
      expect(text).toMatch(/marquee_redis_up 1/);
      expect(text).toContain('marquee_process_cpu_seconds_total');
    } finally {
      await server.close();
    }
  });

  it('echoes a sane caller request id and replaces a bad one', async () => {
    const server = await startTestServer(ctx);
    try {
      const given = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'lb-123' } });
      expect(given.headers.get('x-request-id')).toBe('lb-123');
      const bad = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'a b\u00e9' } });
      expect(bad.headers.get('x-request-id')).not.toBe('a b\u00e9');
    } finally {
      await server.close();
    }
  });
});
