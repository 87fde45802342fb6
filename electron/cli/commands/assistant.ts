import type { RegisterCommands } from './types';

// Commands for the assistant capability (owner fills in).
export const registerAssistant: RegisterCommands = () => {};
