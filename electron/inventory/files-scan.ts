import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileDoc } from './types';

// What is in the data dir, matched against the described files. Links are never followed; folder sizes are summed
// with a cap on how many entries are visited, so a data dir pointed at a huge tree cannot stall `bastion data`.

export interface FoundFile {
  /** Relative to the data dir, with `/` separators; a folder ends in `/`. */
  path: string;
  bytes: number;
}

export interface ScanResult {
  /** By index into the described files. */
  matched: FoundFile[][];
  undescribed: FoundFile[];
}

const MAX_VISITS = 100_000;

function globRe(glob: string): RegExp {
  const body = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${body}$`);
}

function lstat(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function folderBytes(dir: string, budget: { left: number }): number {
  let total = 0;
  for (const name of list(dir)) {
    if (--budget.left < 0) break;
    const st = lstat(join(dir, name));
    if (!st) continue;
    total += st.isDirectory() ? folderBytes(join(dir, name), budget) : st.size;
  }
  return total;
}

/** The index of the first described file a relative path matches (`dir/` for a folder), or -1. */
export function matchFile(docs: readonly FileDoc[], rel: string): number {
  return docs.findIndex((d) =>
    d.patterns.some((p) => {
      if (p.endsWith('/')) return rel === p || rel.startsWith(p);
      return !rel.endsWith('/') && globRe(p).test(rel);
    }),
  );
}

export function scanDataDir(dataDir: string, docs: readonly FileDoc[]): ScanResult {
  const matched: FoundFile[][] = docs.map(() => []);
  const undescribed: FoundFile[] = [];
  const budget = { left: MAX_VISITS };
  // Folders some pattern looks inside (models/*.gguf): their entries are matched one by one.
  const inner = new Set(docs.flatMap((d) => d.patterns).filter((p) => !p.endsWith('/') && p.includes('/')).map((p) => p.slice(0, p.indexOf('/'))));
  const place = (rel: string, bytes: number) => {
    const i = matchFile(docs, rel);
    (i >= 0 ? matched[i]! : undescribed).push({ path: rel, bytes });
  };
  for (const name of list(dataDir)) {
    const st = lstat(join(dataDir, name));
    if (!st) continue;
    if (!st.isDirectory()) {
      place(name, st.size);
    } else if (inner.has(name) && matchFile(docs, `${name}/`) < 0) {
      for (const child of list(join(dataDir, name))) {
        const cs = lstat(join(dataDir, name, child));
        if (!cs) continue;
        place(cs.isDirectory() ? `${name}/${child}/` : `${name}/${child}`, cs.isDirectory() ? folderBytes(join(dataDir, name, child), budget) : cs.size);
      }
    } else {
      place(`${name}/`, folderBytes(join(dataDir, name), budget));
    }
  }
  return { matched, undescribed };
}

/** Backups an action wrote beside a vault file (`VAULT.bastion-backup-<time>`). */
export const BACKUP_INFIX = '.bastion-backup-';

export function backupsBeside(vaultFiles: readonly string[]): FoundFile[] {
  const out: FoundFile[] = [];
  for (const file of new Set(vaultFiles)) {
    const prefix = `${basename(file)}${BACKUP_INFIX}`;
    for (const name of list(dirname(file))) {
      if (!name.startsWith(prefix)) continue;
      const st = lstat(join(dirname(file), name));
      if (st?.isFile()) out.push({ path: join(dirname(file), name), bytes: st.size });
    }
  }
  return out;
}
