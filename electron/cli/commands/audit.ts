import type { RegisterCommands } from './types';

// Commands for the audit capability (owner fills in).
export const registerAudit: RegisterCommands = () => {};
