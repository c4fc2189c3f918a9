import { buildEnv, run } from './lib/bootstrap.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
run(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], { env: buildEnv });
