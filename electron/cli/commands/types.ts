import type { Command } from 'commander';
import type { CliContext } from '../context';

/** Each command group registers itself; `run` wraps the action with context creation, errors and exit codes. */
export type RegisterCommands = (program: Command, run: CommandRunner) => void;
export type CommandRunner = <A extends unknown[]>(
  action: (ctx: CliContext, ...args: A) => Promise<void> | void,
) => (...args: A) => Promise<void>;
