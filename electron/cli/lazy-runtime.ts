/** Frees any loaded model (llama.cpp threads would keep the process alive) — without loading the assistant to do it. */
export async function disposeRuntimesLater(): Promise<void> {
  const { disposeRuntimes } = await import('./engine');
  await disposeRuntimes();
}
