import { readFileSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BastionError } from '../core';
import type { InstallKeys, Store } from '../db';
import { createAskSessions, type AskRunner, type Emit } from './ask-session';
import type { HandlerTable } from './handle';
import type { Engine, FaceName } from './engine';
import { requirePermissions, toOutcome, toProposalView, type ProposalDeps } from './proposals';
import { createSettingsStore, SETTINGS_FILE } from './settings-store';
import type { AuditRecord, EgressEntry, GpuInfo, ModelInfo, PolicyStatus, Source } from './contract';
import type { z } from 'zod';

// The real handlers: one function per contract channel, each a thin call into an engine face. Nothing here knows
// about Electron; main and the e2e bridge both wrap this table with handle()/createRouter().

export interface HandlerDeps {
  store: Store;
  keys: InstallKeys;
  dataDir: string;
  engine: Engine;
  /** Why a face is absent, per face (from loadEngine); quoted in UNSUPPORTED errors. */
  missing?: Partial<Record<FaceName, string>>;
  emit: Emit;
  /** Where questions run; default: in this process through the assistant face. */
  askRunner?: AskRunner;
  /** Path of the chat model to use (BASTION_MODEL / the active model); null: answer with --no-llm templates. */
  modelPath?: string | null;
  /** Ports the permission layer's executors use (clipboard, openExternal). */
  ports?: Record<string, unknown>;
  /** Registers the global hotkey; returns a conflict message or null. Absent outside the desktop app. */
  applyHotkey?: (accelerator: string, enabled: boolean) => string | null;
  gpu?: () => z.output<typeof GpuInfo>;
  env?: NodeJS.ProcessEnv;
}

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const { store, keys, engine } = deps;
  const settings = createSettingsStore(deps.dataDir);
  const face = <K extends FaceName>(name: K): NonNullable<Engine[K]> => {
    const f = engine[name];
    if (!f) throw new BastionError('UNSUPPORTED', `This build has no ${name} engine: ${deps.missing?.[name] ?? `electron/${name} is not available`}.`);
    return f as NonNullable<Engine[K]>;
  };
  const lookup = (id: string) => (engine.vault ? engine.vault.getItemRef(store, id) : null);
  const pdeps: ProposalDeps = { store, keys, engine, ports: { ...(deps.ports ?? {}), vault: engine.vault } };
  const describe = (p: { action: string; args: Record<string, unknown> }) =>
    engine.permissions?.describeEffect && engine.vault ? engine.permissions.describeEffect(p, { store, vault: engine.vault }) : undefined;
  const view = (raw: unknown) => toProposalView(raw, lookup, describe as never);

  const runner: AskRunner = deps.askRunner ?? {
    run: (question, o) =>
      face('assistant').ask(store, question, {
        conversationId: o.conversationId,
        noLlm: o.noLlm ?? !deps.modelPath,
        ...(deps.modelPath ? { model: deps.modelPath } : {}),
        onToken: o.onToken,
        signal: o.signal,
        keys,
      }),
  };
  const sessions = createAskSessions(runner, deps.emit);

  const listProposals = (status: 'pending' | 'all') => {
    const p = requirePermissions(engine);
    if (!p.listProposals) throw new BastionError('UNSUPPORTED', 'The permission layer does not list proposals in this build.');
    const all = p.listProposals(store, { status }) as unknown[];
    return all.map(view).filter((v) => status === 'all' || v.status === 'pending');
  };

  return {
    'vault:import': async (req) => {
      const keyFile = req.keyFilePath ? new Uint8Array(readFileSync(req.keyFilePath)) : undefined;
      const summary = await face('vault').importVault(store, keys, req.path, {
        format: req.format ?? 'auto',
        ...(req.password !== undefined ? { password: req.password } : {}),
        ...(keyFile ? { keyFile } : {}),
        onProgress: (done, total) => deps.emit('vault:progress', { done, total }),
      });
      return summary;
    },
    'vault:report': () => face('vault').buildReport(store),
    'vault:item': (req) => face('vault').getItemRef(store, req.id),
    'vault:sources': () => face('vault').listSources(store) as z.input<typeof Source>[],
    'vault:forget': (req) => {
      face('vault').forgetSource(store, req.idOrPath);
      return { forgotten: req.idOrPath };
    },
    // Local-state actions go through the permission layer (audited) when it exists: same path as the palette.
    'vault:exclude': async (req) => {
      const v = face('vault');
      if (req.mode === 'clear') v.clearFindingState(store, req.kind, req.itemIds);
      else if (engine.permissions) {
        const request =
          req.mode === 'snooze'
            ? { action: 'snooze_finding' as const, args: { kind: req.kind, itemIds: req.itemIds, days: req.days ?? 30 } }
            : { action: 'mark_resolved' as const, args: { kind: req.kind, itemIds: req.itemIds } };
        await engine.permissions.createProposal(store, keys, request, { origin: 'user', userMessage: null }, pdeps.ports);
      } else if (req.mode === 'snooze') v.snoozeFinding(store, req.kind, req.itemIds, Date.now() + (req.days ?? 30) * 86_400_000);
      else v.markResolved(store, req.kind, req.itemIds);
      return { kind: req.kind, itemIds: req.itemIds, mode: req.mode };
    },
    'kb:search': (req) => face('knowledge').searchKnowledge(store, req.query, { k: req.k ?? 8 }),
    'kb:add': async (req) => {
      const r = (await face('knowledge').addDocuments(store, req.paths, {})) as Record<string, unknown> | unknown[];
      const added = Array.isArray(r) ? r.length : typeof r?.added === 'number' ? r.added : req.paths.length;
      return { ...(Array.isArray(r) ? {} : r), added };
    },
    'kb:list': () =>
      (face('knowledge').listDocuments(store) as Record<string, unknown>[]).map((d) => ({ ...d, id: String(d.id ?? d.path ?? d.doc), title: String(d.title ?? d.path ?? d.id) })),
    'kb:remove': (req) => {
      face('knowledge').removeDocument(store, req.id);
      return { removed: req.id };
    },
    'ask:start': (req) => {
      face('assistant');
      return sessions.start(req.question, { ...(req.conversationId ? { conversationId: req.conversationId } : {}), ...(req.noLlm !== undefined ? { noLlm: req.noLlm } : {}) });
    },
    'ask:stop': (req) => ({ stopped: sessions.stop(req.conversationId) }),
    'proposals:list': (req) => listProposals(req.status ?? 'pending'),
    'proposals:create': async (req) => {
      const p = requirePermissions(engine);
      const created = rec(await p.createProposal(store, keys, req.request, { origin: 'user', userMessage: null }, pdeps.ports));
      const proposal = view(created.proposal ?? created);
      const executed = created.outcome ?? created.execution ?? created.result;
      return { proposal, outcome: executed ? toOutcome(proposal.id, executed, 'executed') : null };
    },
    'proposals:confirm': async (req) => {
      const r = await requirePermissions(engine).confirmProposal(store, keys, req.id, { typedTitle: req.typedTitle, grant: req.remember ?? 'once', vaultPassword: req.vaultPassword, interactive: true }, pdeps.ports);
      deps.emit('proposals:changed', { id: req.id, status: 'confirmed' });
      return toOutcome(req.id, r, 'executed');
    },
    'proposals:reject': async (req) => {
      const r = await requirePermissions(engine).rejectProposal(store, keys, req.id);
      deps.emit('proposals:changed', { id: req.id, status: 'rejected' });
      return toOutcome(req.id, r, 'rejected');
    },
    'proposals:undo': async (req) => {
      const r = await requirePermissions(engine).undoAction(store, keys, req.id, pdeps.ports);
      deps.emit('proposals:changed', { id: req.id, status: 'undone' });
      return toOutcome(req.id, r, 'undone');
    },
    'audit:list': (req) => face('audit').listAudit(store, { limit: req.limit ?? 500 }) as z.input<typeof AuditRecord>[],
    'audit:verify': () => {
      const r = face('audit').verifyAudit(store, keys);
      return {
        ok: r.ok,
        records: r.records,
        firstBadSeq: r.ok ? null : (r.firstBadSeq ?? null),
        message: r.ok ? `Intact: ${r.records} records, hash chain and keyed checkpoints verified.` : `Tampered: record ${r.firstBadSeq} — ${r.reason}.`,
      };
    },
    'audit:export': (req) => face('audit').exportAudit(store, req.path),
    'models:list': () => {
      const m = engine.models;
      const models = (m?.listModels ? (m.listModels(store) as z.input<typeof ModelInfo>[]) : []) ?? [];
      const gpu = deps.gpu?.() ?? { backend: 'unknown', devices: [], note: 'GPU detection runs when a model loads.' };
      return { models, gpu };
    },
    'models:pull': async (req) => {
      const m = engine.models;
      if (!m?.pullModel) throw new BastionError('UNSUPPORTED', 'Model download is not available in this build; use `bastion models pull`.');
      return (await m.pullModel(store, req.name, { onProgress: (done: number, total: number) => deps.emit('models:progress', { name: req.name, done, total }) })) as { name: string; path: string };
    },
    'models:import': async (req) => {
      const m = engine.models;
      if (!m?.importModel) throw new BastionError('UNSUPPORTED', 'Model import is not available in this build; use `bastion models import`.');
      return (await m.importModel(store, req.path)) as { name: string; path: string };
    },
    'models:use': async (req) => {
      const m = engine.models;
      if (!m?.useModel) throw new BastionError('UNSUPPORTED', 'Choosing a model is not available in this build; use `bastion models use`.');
      await m.useModel(store, req.name);
      return { name: req.name };
    },
    'settings:get': () => settings.get(),
    'settings:set': (req) => {
      const next = settings.set(req);
      const conflict = req.hotkey !== undefined || req.hotkeyEnabled !== undefined ? (deps.applyHotkey?.(next.hotkey, next.hotkeyEnabled) ?? null) : null;
      return { settings: next, hotkeyConflict: conflict };
    },
    'settings:wipe': () => wipe(deps.dataDir, store),
    'policy:status': () => policyStatus(engine, deps.env),
    'egress:log': () => (engine.managed?.listEgress ? (engine.managed.listEgress(store, { limit: 500 }) as z.input<typeof EgressEntry>[]) : []),
    'password:generate': async (req) => {
      const p = requirePermissions(engine);
      const created = rec(await p.createProposal(store, keys, { action: 'generate_password', args: req }, { origin: 'user', userMessage: null }, pdeps.ports));
      const id = String(rec(created.proposal ?? created).id ?? '');
      return toOutcome(id, created.outcome ?? created.execution ?? created.result ?? created, 'executed');
    },
  };
}

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function policyStatus(engine: Engine, env?: NodeJS.ProcessEnv): z.input<typeof PolicyStatus> {
  if (!engine.managed) return { state: 'unavailable', source: null, message: 'Managed policy support is not built in this version.', locks: [] };
  const s = rec(engine.managed.loadManagedPolicy(env));
  const status = String(s.status ?? '');
  const source = typeof s.path === 'string' ? s.path : null;
  if (status === 'absent') return { state: 'none', source, message: 'No managed policy: your own settings apply.', locks: [] };
  if (status === 'invalid') return { state: 'invalid', source, message: `The managed policy is invalid, so Bastion runs locked down: ${String(s.problem ?? s.message ?? 'see the policy file')}`, locks: ['everything'] };
  const policy = rec(s.policy);
  return { state: 'active', source, message: 'A managed policy is in force; settings it sets cannot be loosened here.', locks: Object.keys(policy) };
}

/** Removes local data except the audit log (which the permission layer's policy protects) and keys. */
function wipe(dataDir: string, store: Store): { removed: string[]; kept: string[] } {
  const removed: string[] = [];
  const db = store.db;
  const tables = db.prepare<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'audit%'").all();
  const kept = ['audit log', 'install key'];
  db.transaction(() => {
    for (const t of tables) {
      try {
        db.exec(`delete from "${t.name.replaceAll('"', '""')}"`);
        removed.push(t.name);
      } catch {
        /* shadow tables of virtual tables are cleared through their owner */
      }
    }
  })();
  for (const f of readdirSync(dataDir)) if (f === SETTINGS_FILE) rmSync(join(dataDir, f), { force: true });
  return { removed, kept };
}
