import { main } from './entry';

// Run from source (tests, `tsx electron/cli/main.ts`); `npx bastion` runs the same main() from the bundle.
await main(process.argv.slice(2));
