import type { Command } from 'commander';
import type * as UseCases from '../../usecases';
import type { CliIo } from '../io';

/** What a running command gets: the terminal, the use-case layer (loaded for this run) and its context. */
export interface Run {
  cli: CliIo;
  uc: typeof UseCases;
  ctx: UseCases.UseCaseContext;
}

/** Each command group registers itself; `run` loads the use cases, runs the action and turns errors into exit codes. */
export type RegisterCommands = (program: Command, run: CommandRunner) => void;
export type CommandRunner = <A extends unknown[]>(action: (run: Run, ...args: A) => Promise<void> | void) => (...args: A) => Promise<void>;
