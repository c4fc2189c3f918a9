// Baseline: the barest Fastify JSON route, to show what the HTTP layer alone costs on this machine.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/bare', (_req, reply) => reply.send({ result: { data: { ok: true } } }));
app.get('/healthz', (_req, reply) => reply.send({ status: 'ok' }));
// The same JSON a real route answers (given once by the bench), serialized on every request as any route would.
let payload: unknown = null;
app.put('/payload', { bodyLimit: 10 * 1024 * 1024 }, (req, reply) => {
  payload = req.body;
  return reply.send({ ok: true });
});
app.get('/payload', (_req, reply) => reply.send(payload));
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
console.log('listening');
