// Conversation state for follow-ups (db with history on, process memory with history off).
export { forgetMemoryStates, loadState, saveState } from './state';
