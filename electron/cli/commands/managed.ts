import type { RegisterCommands } from './types';

// Commands for the managed capability (owner fills in).
export const registerManaged: RegisterCommands = () => {};
