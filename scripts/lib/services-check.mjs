// Before anything touches them: are PostgreSQL and Redis reachable? One clear line if not.
import net from 'node:net';

function reachable(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function checkServices({ databaseUrl, redisUrl }) {
  const problems = [];
  const db = new URL(databaseUrl);
  const dbHost = db.hostname || '127.0.0.1';
  const dbPort = Number(db.port || 5432);
  if (!(await reachable(dbHost, dbPort))) {
    problems.push(
      `PostgreSQL is not reachable at ${dbHost}:${dbPort} (DATABASE_URL). Start it (Debian: pg_ctlcluster 15 main start; Docker: docker run -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16) or set DATABASE_URL.`,
    );
  }
  const redis = new URL(redisUrl);
  const redisHost = redis.hostname || '127.0.0.1';
  const redisPort = Number(redis.port || 6379);
  if (!(await reachable(redisHost, redisPort))) {
    problems.push(
      `Redis is not reachable at ${redisHost}:${redisPort} (REDIS_URL). Start it (redis-server --daemonize yes; Docker: docker run -p 6379:6379 redis:7) or set REDIS_URL.`,
    );
  }
  return problems;
}
