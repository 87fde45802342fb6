import type { RegisterCommands } from './types';

// Commands for the models capability (owner fills in).
export const registerModels: RegisterCommands = () => {};
