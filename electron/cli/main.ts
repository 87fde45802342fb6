import { runCli } from './program';

// `bastion report --json | head`: the reader left before the output ended. Stop quietly, as cat and git do, never
// with a stack trace; any other failure to write the output is one line naming it.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`bastion: cannot write the output: ${e.message}\n`);
  process.exit(1);
});

await runCli(process.argv.slice(2));
