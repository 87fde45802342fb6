export { buildProgram, runCli, type ProgramIo } from './program';
