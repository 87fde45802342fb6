// Everything the CLI's commands load when one runs: the session (use cases and the engine under them), and the two
// runtime hooks a command may need after it. From source this is a plain module; `npm run build:cli` bundles it as
// dist/cli/engine.cjs, which the command-line front loads with V8's code cache (scripts/build-cli.mjs).
export { asUserError, openSession, type Session } from './session';
export { disposeRuntimes } from '../assistant';
export { clipboardClearsSettled } from '../permissions';
