// The models folder (<data dir>/models): installed GGUFs, a sidecar JSON per model (hash, source, kind), and which
// one is active. Every write is write-then-rename so an interrupted pull/import never leaves a half model in place.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { modelKindOf, readGgufHeader, type GgufHeader, type ModelKind } from '../native';
import { BastionError } from '../electron/core';
import { appRoot } from '../electron/db';
import { activeModelName, assertRemovable, previousModelName } from './active';
import { CATALOG, fileNameFor, findCatalogEntry, resolveModelUri } from './catalog';
import { downloadModel, sha256File, type CanDownload, type DownloadOptions } from './download';
import { installedModels, kindNoteFor, modelsDir, readActive, sidecarPath, writeActive, writeSidecar, type InstalledModel } from './store';

export interface ModelListing {
  name: string;
  title: string;
  installed: boolean;
  active: boolean;
  /** The model `rollbackModel` would switch back to. */
  previous: boolean;
  sizeBytes: number;
  license: string | null;
  tier: string | null;
  contextSize: number | null;
  sha256: string | null;
  kind: ModelKind | null;
  /** One line when the kind limits what the model does (base models), else null. */
  kindNote: string | null;
}

/** The real models fetched by scripts/fetch-chat-model.sh (evals, model tests and benchmarks use them when present). */
export const DEV_INSTRUCT_MODEL = () => join(appRoot(), '.cache', 'models', 'smollm2-135m-instruct-q4_1.gguf');
export const DEV_BASE_MODEL = () => join(appRoot(), '.cache', 'models', 'gemma3-270m-q4_k_m.gguf');
/** Gemma 3 270M, a base model: the decode benchmark's model (kept under this name for existing callers). */
export const DEV_CHAT_MODEL = DEV_BASE_MODEL;

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function listModels(dataDir: string): ModelListing[] {
  const installed = new Map(installedModels(dataDir).map((m) => [m.name, m]));
  const active = activeModelName(dataDir);
  const previous = previousModelName(dataDir);
  const rows: ModelListing[] = CATALOG.map((e) => {
    const m = installed.get(e.name);
    const kind = m?.kind ?? e.kind;
    return {
      name: e.name,
      title: e.title,
      installed: Boolean(m),
      active: active === e.name,
      previous: previous === e.name,
      sizeBytes: m?.bytes ?? e.sizeBytes,
      license: e.license,
      tier: `${e.tier.ramGb} GB RAM${e.tier.vramGb ? ` / ${e.tier.vramGb} GB VRAM` : ''}`,
      contextSize: e.contextSize,
      sha256: e.sha256,
      kind,
      kindNote: kindNoteFor(kind),
    };
  });
  for (const m of installed.values()) {
    if (findCatalogEntry(m.name)) continue;
    rows.push({
      name: m.name,
      title: `${m.name} (imported)`,
      installed: true,
      active: active === m.name,
      previous: previous === m.name,
      sizeBytes: m.bytes,
      license: null,
      tier: null,
      contextSize: null,
      sha256: m.sha256,
      kind: m.kind,
      kindNote: m.kindNote,
    });
  }
  return rows;
}

/** Magic + header parse: refuses anything that is not a GGUF model the runtime can read. */
export async function checkGguf(path: string): Promise<GgufHeader> {
  try {
    const header = await readGgufHeader(path);
    if (header.tensorCount <= 0 || !header.architecture) throw new Error('it has no tensors or no architecture');
    return header;
  } catch (e) {
    throw new BastionError('BAD_FILE', `${path} is not a usable GGUF model: ${(e as Error).message}`, { cause: e });
  }
}

export interface PullOptions extends Pick<DownloadOptions, 'onProgress' | 'freeBytes' | 'signal' | 'fetchImpl' | 'onEgress'> {
  canDownload?: CanDownload;
  /** Replace the catalog URL (mirrors; tests against 127.0.0.1). Policy is still asked about the catalog URI. */
  url?: string;
}

export async function pullModel(dataDir: string, name: string, opts: PullOptions = {}): Promise<InstalledModel & { resumedFrom: number }> {
  const entry = findCatalogEntry(name);
  if (!entry) throw new BastionError('NOT_FOUND', `No model named "${name}" in the catalog; see \`bastion models list\`.`);
  const dest = join(modelsDir(dataDir), fileNameFor(entry));
  const { url, ...rest } = opts;
  const result = await downloadModel({
    ...rest,
    uri: entry.uri,
    url: url ?? resolveModelUri(entry.uri),
    dest,
    sha256: entry.sha256,
    // Unverified sizes are approximate: allow headroom, but never an unbounded stream.
    maxBytes: entry.sizeExact ? entry.sizeBytes : Math.ceil(entry.sizeBytes * 1.25),
  });
  const header = await checkGguf(dest).catch((e) => {
    rmSync(dest, { force: true });
    throw e;
  });
  const model = describe(header, { name, path: dest, bytes: result.bytes, sha256: result.sha256, verified: result.verified, source: entry.uri });
  writeSidecar(dataDir, model);
  return { ...model, resumedFrom: result.resumedFrom };
}

/** The offline/enterprise path: copy a local GGUF in after checking it is one. */
export async function importModel(dataDir: string, file: string, opts: { name?: string } = {}): Promise<InstalledModel> {
  const src = resolve(file);
  if (!existsSync(src) || !statSync(src).isFile()) throw new BastionError('NOT_FOUND', `No such file: ${src}`);
  const header = await checkGguf(src);
  const name = opts.name ?? basename(src).replace(/\.gguf$/i, '');
  if (!NAME_RE.test(name)) throw new BastionError('BAD_INPUT', `"${name}" is not a usable model name (letters, digits, . _ -); pass --name.`);
  mkdirSync(modelsDir(dataDir), { recursive: true });
  const dest = join(modelsDir(dataDir), `${name}.gguf`);
  const tmp = `${dest}.${process.pid}.tmp`;
  try {
    copyFileSync(src, tmp);
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new BastionError('BAD_FILE', `Cannot copy ${src} into ${modelsDir(dataDir)}: ${(e as Error).message}`, { cause: e });
  }
  const catalogued = findCatalogEntry(name);
  const sha256 = await sha256File(dest);
  if (catalogued?.sha256 && catalogued.sha256 !== sha256) {
    rmSync(dest, { force: true });
    throw new BastionError('BAD_FILE', `${src} has sha256 ${sha256}, not the catalog's ${catalogued.sha256} for "${name}"; import it under another --name.`);
  }
  const model = describe(header, { name, path: dest, bytes: statSync(dest).size, sha256, verified: Boolean(catalogued?.sha256), source: `import:${src}` });
  writeSidecar(dataDir, model);
  return model;
}

/** The sidecar record for a checked file: its kind (chat template or not) is read from the file itself. */
function describe(header: GgufHeader, m: Pick<InstalledModel, 'name' | 'path' | 'bytes' | 'sha256' | 'verified' | 'source'>): InstalledModel {
  const { kind, reason } = modelKindOf(header);
  return { ...m, architecture: header.architecture, installedAt: new Date().toISOString(), kind, kindReason: reason, kindNote: kindNoteFor(kind), answeredAt: null };
}

/**
 * Deletes an installed model. The rollback target is refused (CONFLICT) while the active model has not answered
 * once. Removing the active model leaves none active but remembers the previous one, so a rollback still works.
 */
export function removeModel(dataDir: string, name: string): { removed: string; wasActive: boolean } {
  const model = installedModels(dataDir).find((m) => m.name === name);
  if (!model) throw new BastionError('NOT_FOUND', `Model "${name}" is not installed.`);
  assertRemovable(dataDir, name);
  const state = readActive(dataDir);
  const wasActive = state.name === name;
  if (wasActive) writeActive(dataDir, { name: null, previous: state.previous, since: new Date().toISOString() });
  else if (state.previous === name) writeActive(dataDir, { ...state, previous: null });
  rmSync(model.path, { force: true });
  rmSync(`${model.path}.part`, { force: true });
  rmSync(sidecarPath(dataDir, name), { force: true });
  return { removed: name, wasActive };
}

/**
 * `--model PATH` beats BASTION_MODEL beats `models use`. Null: none (no implicit fallback, so nothing loads a model
 * the user did not choose; the fetched dev model is used via BASTION_MODEL or `models import … --use`).
 */
export function resolveModelPath(opts: { flag?: string; env?: NodeJS.ProcessEnv; dataDir: string }): string | null {
  const env = opts.env ?? process.env;
  if (opts.flag) return resolve(opts.flag);
  if (env.BASTION_MODEL) return resolve(env.BASTION_MODEL);
  const active = activeModelName(opts.dataDir);
  if (active) {
    const m = installedModels(opts.dataDir).find((x) => x.name === active);
    if (m) return m.path;
  }
  return null;
}
