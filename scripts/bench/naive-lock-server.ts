// Baseline only (never in the product): the seat lock of the pattern Marquee grew from, a GET and
// then a SETEX from the application. Between the two, another request can see the seat free too:
// this server counts every customer it told "the seat is yours", per seat.
import Fastify from 'fastify';
import { createRedis } from '../../server/src/redis';

const redis = createRedis({
  url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  prefix: process.env.NAIVE_PREFIX ?? 'naive:',
});
await new Promise((resolve) => redis.once('ready', resolve));
const winners = new Map<string, number>();
const app = Fastify({ logger: false });
app.post<{ Body: { seat: string; customer: string } }>('/hold', async (req, reply) => {
  const { seat, customer } = req.body;
  const owner = await redis.get(`seat:${seat}`);
  if (owner !== null && owner !== customer) return reply.code(409).send({ taken: true });
  await redis.setex(`seat:${seat}`, 600, customer);
  if (owner === null) winners.set(seat, (winners.get(seat) ?? 0) + 1);
  return reply.send({ ok: true });
});
app.get('/stats', async () => ({
  seats: winners.size,
  doubleSold: [...winners.values()].filter((n) => n > 1).length,
  extraSales: [...winners.values()].reduce((s, n) => s + n - 1, 0),
}));
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
