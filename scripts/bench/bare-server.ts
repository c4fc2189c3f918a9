// Baseline: the barest Fastify JSON route, to show what the HTTP layer alone costs on this machine.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/bare', (_req, reply) => reply.send({ result: { data: { ok: true } } }));
app.get('/healthz', (_req, reply) => reply.send({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
console.log('listening');
