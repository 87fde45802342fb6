import type { RegisterCommands } from './types';

// Commands for the knowledge capability (owner fills in).
export const registerKnowledge: RegisterCommands = () => {};
