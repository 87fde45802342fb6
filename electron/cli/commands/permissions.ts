import type { RegisterCommands } from './types';

// Commands for the permissions capability (owner fills in).
export const registerPermissions: RegisterCommands = () => {};
