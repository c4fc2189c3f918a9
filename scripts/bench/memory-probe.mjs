// Loaded into a server process by the fan-out bench (NODE_OPTIONS=--import, MEMORY_PROBE_DIR set):
// on SIGUSR2 it runs full garbage collections, then writes the process's memory to
// `<dir>/<pid>.json`. What a subscriber costs is what stays for it; right after ten thousand streams
// opened, a server's heap also holds the garbage those requests left, which a collection gives back.
// `<dir>/<pid>.ready` says the process has the handler (SIGUSR2 would otherwise end it).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const dir = process.env.MEMORY_PROBE_DIR;
if (dir) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  process.on('SIGUSR2', () => {
    // Two rounds: the first can leave objects that only a second finds unreachable (weak callbacks).
    gc();
    setTimeout(() => {
      gc();
      writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(process.memoryUsage()));
    }, 200);
  });
  writeFileSync(path.join(dir, `${process.pid}.ready`), '');
}
