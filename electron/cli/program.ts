import { Command, CommanderError } from 'commander';
import { BastionError, exitCodeFor, isBastionError } from '../core';
import { registerAssistant } from './commands/assistant';
import { registerAudit } from './commands/audit';
import { registerData } from './commands/data';
import { registerDevice } from './commands/device';
import { registerKnowledge } from './commands/knowledge';
import { registerManaged } from './commands/managed';
import { registerModels } from './commands/models';
import { registerPermissions } from './commands/permissions';
import type { CommandRunner } from './commands/types';
import { registerVault } from './commands/vault';
import { createIo, type ProgramIo } from './io';

export type { ProgramIo } from './io';

// The CLI: commander definitions only. A command's code (the use-case layer and the engine under it) is loaded when
// the command runs, so `bastion --help` and a typo cost almost nothing. Every failure is one `bastion: …` line and
// an exit code per kind of error (see electron/core/errors).

export function buildProgram(io: ProgramIo = defaultIo): Command {
  const program = new Command('bastion')
    .description('Bastion: local-first vault hygiene and security assistant. Nothing leaves this machine.')
    .option('--data-dir <dir>', 'where Bastion keeps its data (default: the OS app-data dir; env BASTION_DATA_DIR)')
    .option('--json', 'machine-readable output')
    .exitOverride();

  const run: CommandRunner =
    (action) =>
    async (...args) => {
      const command = args[args.length - 1] as Command;
      const opts = command.optsWithGlobals() as { dataDir?: string; json?: boolean };
      const cli = createIo(io, Boolean(opts.json));
      // The use cases and the engine load only now, for a command that runs.
      const { openSession, asUserError } = await import('./engine');
      let session: Awaited<ReturnType<typeof openSession>> | undefined;
      try {
        session = openSession(opts.dataDir, { command: commandPath(command) });
        await action({ cli, uc: session.uc, ctx: session.ctx }, ...args);
      } catch (e) {
        reportError(asUserError(e, opts.dataDir, commandPath(command)), io);
      } finally {
        cli.clearProgress();
        session?.close();
      }
    };

  registerVault(program, run);
  registerKnowledge(program, run);
  registerAssistant(program, run);
  registerModels(program, run);
  registerPermissions(program, run);
  registerAudit(program, run);
  registerManaged(program, run);
  registerDevice(program, run);
  registerData(program, run);
  oneLineUsageErrors(program, io);
  return program;
}

/** Usage errors: one line naming the problem and where help is, never the whole help text. */
function oneLineUsageErrors(program: Command, io: ProgramIo): void {
  const visit = (c: Command) => {
    const path = commandPath(c);
    c.configureOutput({
      writeErr: (s) => io.writeErr(s.trimEnd()),
      writeOut: (s) => (io.writeOut ? io.writeOut(s) : void process.stdout.write(s)),
      outputError: (s) => io.writeErr(`bastion: ${s.trim().replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ')} (see \`bastion ${path ? `${path} ` : ''}--help\`)`),
    });
    c.commands.forEach(visit);
  };
  visit(program);
}

export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function reportError(e: unknown, io: ProgramIo): void {
  if (isBastionError(e)) {
    io.writeErr(`bastion: ${e.message}`);
    io.setExitCode(exitCodeFor(e.code));
    return;
  }
  // A bug, not bad input: keep the line short; the stack is only shown on request.
  const message = e instanceof Error ? e.message : String(e);
  io.writeErr(`bastion: internal error: ${message.split('\n')[0]}`);
  if (process.env.BASTION_DEBUG) io.writeErr(String((e as Error)?.stack ?? ''));
  io.setExitCode(1);
}

const defaultIo: ProgramIo = {
  setExitCode: (code) => {
    process.exitCode = code;
  },
  writeErr: (line) => process.stderr.write(`${line}\n`),
  writeOut: (text) => process.stdout.write(text),
};

export async function runCli(argv: string[], io: ProgramIo = defaultIo): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; a usage error printed its one line and exits 2 (bad input).
      io.setExitCode(e.exitCode === 0 ? 0 : exitCodeFor('BAD_INPUT'));
      return;
    }
    reportError(e instanceof Error ? e : new BastionError('INTERNAL', String(e)), io);
  }
}
