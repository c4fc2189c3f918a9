// Baseline of the fan-out bench, the limit of this machine: a bare Node `http` server that holds
// every GET as an open text/event-stream response and, on POST /publish, writes the posted frame to
// each of them before answering. No framework, no pub/sub, no per-subscriber work but the write.
import http from 'node:http';

const streams = new Set<http.ServerResponse>();
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') return res.end(String(streams.size));
  if (req.method === 'POST' && req.url === '/publish') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const frame = Buffer.concat(chunks);
      for (const stream of streams) stream.write(frame);
      res.end(String(streams.size));
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform' });
  res.write('event: connected\ndata: {}\n\n\n');
  streams.add(res);
  res.on('close', () => streams.delete(res));
});
server.keepAliveTimeout = 0;
server.headersTimeout = 0;
server.requestTimeout = 0;
server.maxConnections = Infinity;
// The API's listen backlog (server/src/main.ts), so a reconnect storm meets the same kernel queue.
server.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1', backlog: 4096 }, () => console.log('listening'));
