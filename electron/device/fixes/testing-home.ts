import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FixContext } from './guard';

// A throwaway home folder for the fix primitives' tests (they act on real files, so no rooted port here).

export interface TestHome {
  home: string;
  ctx: FixContext;
  file(rel: string, content: string | Uint8Array, mode?: number): string;
  cleanup(): void;
}

export function makeTestHome(env: NodeJS.ProcessEnv = {}): TestHome {
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'bastion-home-')));
  return {
    home,
    ctx: { home, env, platform: 'linux' },
    file(rel, content, mode = 0o644) {
      const p = join(home, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      chmodSync(p, mode); // exact, whatever the umask
      return p;
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
