import type { RegisterCommands } from './types';

// Commands for the vault capability (owner fills in).
export const registerVault: RegisterCommands = () => {};
