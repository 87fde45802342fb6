#!/usr/bin/env node
// `npm run test:e2e`: the desktop flows in Debian Chromium with the real main-process handlers bridged in, then the
// same flows through Playwright's _electron launcher where an Electron binary exists. Prints "N passed, N failed".
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./suite.ts');
process.exitCode = await main(process.argv.slice(2));
