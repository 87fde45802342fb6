import { runCli } from './program';

/** The CLI process: what `bastion` runs (bin/bastion.mjs through the bundle, or electron/cli/main.ts from source). */
export async function main(argv: string[]): Promise<void> {
  // `bastion report --json | head`: the reader left before the output ended. Stop quietly, as cat and git do, never
  // with a stack trace; any other failure to write the output is one line naming it.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`bastion: cannot write the output: ${e.message}\n`);
    process.exit(1);
  });
  await runCli(argv);
}
