// Kept here for existing imports; the helper lives beside the GGUF reader.
export { minimalGguf } from '../native/llm/test-gguf';
