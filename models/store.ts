// The models folder's own files: a sidecar JSON per installed model and active.json (which model answers, and the
// one before it for rollback). Both are parsed with zod on the way in; writes are write-then-rename.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BASE_MODEL_NOTE, type ModelKind } from '../native';
import { findCatalogEntry } from './catalog';

const SidecarSchema = z.object({
  name: z.string(),
  path: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  verified: z.boolean(),
  source: z.string(),
  architecture: z.string().nullable(),
  installedAt: z.string(),
  // Absent in sidecars written before Bastion checked for a chat template.
  kind: z.enum(['instruct', 'base']).nullable().optional(),
  kindReason: z.string().nullable().optional(),
  /** When this file first produced an answer: until then the model before it is kept for rollback. */
  answeredAt: z.string().nullable().optional(),
});
type Sidecar = z.infer<typeof SidecarSchema>;

export interface InstalledModel {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
  verified: boolean;
  source: string;
  architecture: string | null;
  installedAt: string;
  /** 'instruct' (has a chat template) or 'base'; null only for a model installed before the check existed. */
  kind: ModelKind | null;
  /** Which metadata decided `kind`. */
  kindReason: string | null;
  /** One line for the user when the kind limits what the model does (base models), else null. */
  kindNote: string | null;
  answeredAt: string | null;
}

const ActiveSchema = z.object({
  /** Null after the active model was removed (the previous one is still remembered for rollback). */
  name: z.string().nullable(),
  previous: z.string().nullable().optional(),
  since: z.string().optional(),
});
export type ActiveState = { name: string | null; previous: string | null; since: string | null };

export const modelsDir = (dataDir: string) => join(dataDir, 'models');
export const sidecarPath = (dataDir: string, name: string) => join(modelsDir(dataDir), `${name}.json`);
const activePath = (dataDir: string) => join(modelsDir(dataDir), 'active.json');

export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
}

export function kindNoteFor(kind: ModelKind | null): string | null {
  if (kind === 'base') return BASE_MODEL_NOTE;
  if (kind === null) return 'Kind unknown (installed before Bastion checked for a chat template): import it again to check.';
  return null;
}

function fromSidecar(s: Sidecar): InstalledModel {
  // Old sidecars: a catalogued model's kind is known from the catalog (its hash was checked on install).
  const kind = s.kind ?? (s.verified ? (findCatalogEntry(s.name)?.kind ?? null) : null);
  const kindReason = s.kindReason ?? (kind && !s.kind ? 'from the catalog' : null);
  return { ...s, kind, kindReason, kindNote: kindNoteFor(kind), answeredAt: s.answeredAt ?? null };
}

export function writeSidecar(dataDir: string, m: InstalledModel): void {
  const { kindNote: _note, ...stored } = m;
  writeJsonAtomic(sidecarPath(dataDir, m.name), stored);
}

/** Installed models whose file is present. A sidecar that does not parse is skipped, not fatal to the listing. */
export function installedModels(dataDir: string): InstalledModel[] {
  const dir = modelsDir(dataDir);
  if (!existsSync(dir)) return [];
  const out: InstalledModel[] = [];
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json') || f === 'active.json') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch {
      continue;
    }
    const parsed = SidecarSchema.safeParse(raw);
    if (parsed.success && existsSync(parsed.data.path)) out.push(fromSidecar(parsed.data));
  }
  return out;
}

export function readActive(dataDir: string): ActiveState {
  const file = activePath(dataDir);
  if (!existsSync(file)) return { name: null, previous: null, since: null };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { name: null, previous: null, since: null };
  }
  const parsed = ActiveSchema.safeParse(raw);
  if (!parsed.success) return { name: null, previous: null, since: null };
  return { name: parsed.data.name, previous: parsed.data.previous ?? null, since: parsed.data.since ?? null };
}

export function writeActive(dataDir: string, state: ActiveState): void {
  writeJsonAtomic(activePath(dataDir), state);
}
