export { buildProgram, runCli, type ProgramIo } from './program';
export type { CliContext } from './context';
