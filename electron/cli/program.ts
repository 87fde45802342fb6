import { Command, CommanderError } from 'commander';
import { BastionError, exitCodeFor, isBastionError } from '../core';
import { createContext, type CliContext } from './context';
import { registerAssistant } from './commands/assistant';
import { registerAudit } from './commands/audit';
import { registerKnowledge } from './commands/knowledge';
import { registerManaged } from './commands/managed';
import { registerModels } from './commands/models';
import { registerPermissions } from './commands/permissions';
import type { CommandRunner } from './commands/types';
import { registerVault } from './commands/vault';

export interface ProgramIo {
  /** Set when a command fails: the process exits with it. */
  setExitCode(code: number): void;
  writeErr(line: string): void;
}

export function buildProgram(io: ProgramIo = defaultIo): Command {
  const program = new Command('bastion')
    .description('Bastion: local-first vault hygiene and security assistant. Nothing leaves this machine.')
    .option('--data-dir <dir>', 'where Bastion keeps its data (default: the OS app-data dir; env BASTION_DATA_DIR)')
    .option('--json', 'machine-readable output')
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => io.writeErr(s.trimEnd()) })
    .exitOverride();

  const run: CommandRunner =
    (action) =>
    async (...args) => {
      const command = args[args.length - 1] as Command;
      const opts = { ...program.opts(), ...command.optsWithGlobals() } as { dataDir?: string; json?: boolean };
      let ctx: CliContext | undefined;
      try {
        ctx = createContext(opts);
        await action(ctx, ...args);
      } catch (e) {
        reportError(e, io);
      } finally {
        ctx?.close();
      }
    };

  registerVault(program, run);
  registerKnowledge(program, run);
  registerAssistant(program, run);
  registerModels(program, run);
  registerPermissions(program, run);
  registerAudit(program, run);
  registerManaged(program, run);
  return program;
}

function reportError(e: unknown, io: ProgramIo): void {
  if (isBastionError(e)) {
    io.writeErr(`bastion: ${e.message}`);
    io.setExitCode(exitCodeFor(e.code));
    return;
  }
  // A bug, not bad input: keep the line short; the stack is only shown on request.
  const message = e instanceof Error ? e.message : String(e);
  io.writeErr(`bastion: internal error: ${message}`);
  if (process.env.BASTION_DEBUG) io.writeErr(String((e as Error)?.stack ?? ''));
  io.setExitCode(1);
}

const defaultIo: ProgramIo = {
  setExitCode: (code) => {
    process.exitCode = code;
  },
  writeErr: (line) => process.stderr.write(`${line}\n`),
};

export async function runCli(argv: string[], io: ProgramIo = defaultIo): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage errors already printed their line.
      io.setExitCode(e.exitCode);
      return;
    }
    reportError(e instanceof Error ? e : new BastionError('INTERNAL', String(e)), io);
  }
}
