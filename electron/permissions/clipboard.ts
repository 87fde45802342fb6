import { spawn, spawnSync } from 'node:child_process';
import type { Clipboard } from './ports';

// Clipboard clearing (shared by every Clipboard port) and the CLI's clipboard, which shells out to the platform's
// tool. The desktop app passes Electron's clipboard instead.

const pending = new Set<Promise<void>>();

/** After `ms`, clears the clipboard only if it still holds our value (never wipes something the user copied since). */
export function scheduleClipboardClear(clipboard: Clipboard, value: string, ms: number): void {
  const p = new Promise<void>((resolve) => {
    setTimeout(() => {
      void (async () => {
        try {
          if ((await clipboard.read()) === value) await clipboard.write('');
        } catch {
          // Clearing is best effort; the value was never persisted anywhere.
        } finally {
          resolve();
        }
      })();
    }, ms);
  });
  pending.add(p);
  void p.then(() => pending.delete(p));
}

/** Resolves when every scheduled clear has run (the CLI waits on this before exiting). */
export async function clipboardClearsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

interface Tool {
  copy: [string, string[]];
  paste: [string, string[]];
}

function has(cmd: string): boolean {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { stdio: 'ignore' }).status === 0;
}

function pickTool(): Tool | null {
  if (process.platform === 'darwin') return { copy: ['pbcopy', []], paste: ['pbpaste', []] };
  if (process.platform === 'win32') return { copy: ['clip', []], paste: ['powershell', ['-NoProfile', '-Command', 'Get-Clipboard']] };
  if (process.env.WAYLAND_DISPLAY && has('wl-copy')) return { copy: ['wl-copy', []], paste: ['wl-paste', ['--no-newline']] };
  if (process.env.DISPLAY && has('xclip')) return { copy: ['xclip', ['-selection', 'clipboard']], paste: ['xclip', ['-selection', 'clipboard', '-o']] };
  return null;
}

function runWithInput(cmd: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
    child.stdin.end(input);
  });
}

/** The CLI's clipboard, or null when no tool is available (copy_to_clipboard is then UNSUPPORTED). */
export function systemClipboard(): Clipboard | null {
  const tool = pickTool();
  if (!tool) return null;
  return {
    write: (text) => runWithInput(tool.copy[0], tool.copy[1], text),
    async read() {
      const r = spawnSync(tool.paste[0], tool.paste[1], { encoding: 'utf8', timeout: 5000 });
      return r.status === 0 ? r.stdout.replace(/\r?\n$/, '') : null;
    },
  };
}
