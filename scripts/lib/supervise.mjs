// Runs long-lived processes side by side with prefixed output; when one stops unexpectedly, or on
// Ctrl-C/SIGTERM, stops the rest (SIGTERM, then SIGKILL after a deadline) and exits.
import { spawn } from 'node:child_process';

function prefixLines(name, stream, out) {
  let buffer = '';
  stream.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

/** processes: { name, command, args }[]; returns isStopping() for a caller that waits on them. */
export function supervise(processes, { cwd, env, killAfterMs = 35_000 }) {
  const children = new Map();
  let stopping = false;
  const stopAll = (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children.values()) child.kill('SIGTERM');
    const force = setTimeout(() => {
      for (const child of children.values()) child.kill('SIGKILL');
    }, killAfterMs);
    const wait = () => {
      if (children.size === 0) {
        clearTimeout(force);
        process.exit(code);
      } else setTimeout(wait, 100);
    };
    wait();
  };
  for (const { name, command, args } of processes) {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.set(name, child);
    prefixLines(name, child.stdout, process.stdout);
    prefixLines(name, child.stderr, process.stderr);
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (!stopping) {
        console.error(`\n✖ ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest.`);
        stopAll(1);
      }
    });
  }
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  return { isStopping: () => stopping };
}
