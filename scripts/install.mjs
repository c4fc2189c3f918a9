#!/usr/bin/env node
// Every dependency of the workspace (the pinned pnpm, frozen lockfile) and the generated Prisma
// client: what `npm start` and `npm test` do first, alone, for a build (deploy/Dockerfile's build stage).
import { checkNode, installDependencies } from './lib/bootstrap.mjs';

checkNode();
installDependencies();
