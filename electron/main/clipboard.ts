// The Clipboard port the permission layer's copy_to_clipboard executor uses (it clears only if the value is still ours).

export interface ElectronClipboardLike {
  readText(): string;
  writeText(text: string): void;
}

export function createClipboardPort(cb: ElectronClipboardLike): { read(): Promise<string | null>; write(text: string): Promise<void> } {
  return {
    async read() {
      try {
        return cb.readText();
      } catch {
        return null;
      }
    },
    async write(text) {
      cb.writeText(text);
    },
  };
}
