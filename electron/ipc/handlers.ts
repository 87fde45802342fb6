import { readFileSync } from 'node:fs';
import { BastionError } from '../core';
import type { InstallKeys, Store } from '../db';
import type { ExecutionPorts, ProposalRecord } from '../permissions';
import { createAskSessions, type AskRunner, type Emit } from './ask-session';
import { AskResult, type GpuInfo } from './contract';
import type { Engine, FaceName } from './engine';
import type { HandlerTable } from './handle';
import { toOutcome, toProposalView, type ViewContext } from './proposals';
import { createSettingsStore } from './settings-store';
import type { z } from 'zod';

// The real handlers: one function per contract channel, each a thin call into an engine face. Nothing here knows
// about Electron; main and the e2e bridge both wrap this table with createRouter().

export interface HandlerDeps {
  store: Store;
  keys: InstallKeys;
  dataDir: string;
  engine: Engine;
  /** Why a face is absent (from loadEngine); quoted in UNSUPPORTED errors. */
  missing?: Partial<Record<FaceName, string>>;
  emit: Emit;
  /** Where questions run; default: in this process through the assistant face. */
  askRunner?: AskRunner;
  /** Explicit chat model path; otherwise the assistant resolves BASTION_MODEL / the active model itself. */
  modelPath?: string | null;
  /** Ports the permission layer's executors use (clipboard, openExternal); the vault port is added here. */
  ports?: Omit<ExecutionPorts, 'vault'>;
  /** Registers the global hotkey; returns a conflict message or null. Absent outside the desktop app. */
  applyHotkey?: (accelerator: string, enabled: boolean) => string | null;
  gpu?: () => z.output<typeof GpuInfo>;
  env?: NodeJS.ProcessEnv;
}

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const { store, keys, engine, dataDir } = deps;
  const env = deps.env ?? process.env;
  const theme = createSettingsStore(dataDir);
  const face = <K extends FaceName>(name: K): NonNullable<Engine[K]> => {
    const f = engine[name];
    if (!f) throw new BastionError('UNSUPPORTED', `This build has no ${name} engine: ${deps.missing?.[name] ?? `electron/${name} is not available`}.`);
    return f as NonNullable<Engine[K]>;
  };
  const policy = () => face('managed').loadManagedPolicy(env);
  const effective = () => face('managed').effectiveSettings(store, policy().policy);
  const rules = () => (engine.managed ? effective().actions : face('permissions').DEFAULT_ACTION_RULES);
  const ports = (): ExecutionPorts => ({ ...(deps.ports ?? {}), vault: face('permissions').vaultAccess });
  const viewCtx: ViewContext = {
    lookup: (id) => (engine.vault ? engine.vault.getItemRef(store, id) : null),
    ...(engine.knowledge ? { chunks: (ids: readonly string[]) => engine.knowledge!.describeChunks(store, ids) } : {}),
    effect: (p) => face('permissions').effectOf(store, p, ports()),
    decision: (p) => face('permissions').currentDecision(store, p, rules()),
  };
  const view = (p: ProposalRecord) => toProposalView(p, viewCtx);
  const reveal = (id: string) => face('permissions').takeGeneratedText(id);
  const proposeAsUser = async (request: unknown) => {
    const created = await face('permissions').createProposal(store, request, { actor: 'user' }, { keys, rules: rules(), ports: ports() });
    deps.emit('proposals:changed', { id: created.proposal.id, status: created.proposal.status });
    return created.proposal;
  };
  const mustView = (p: ProposalRecord) => {
    const v = view(p);
    if (!v) throw new BastionError('BAD_INPUT', `That request is not a valid action: ${p.reason}`);
    return v;
  };

  const runner: AskRunner = deps.askRunner ?? {
    run: async (question, o) =>
      AskResult.parse(
        await face('assistant').ask(store, question, {
          conversationId: o.conversationId,
          ...(o.noLlm !== undefined ? { noLlm: o.noLlm } : {}),
          ...(deps.modelPath ? { model: deps.modelPath } : {}),
          onToken: o.onToken,
          signal: o.signal,
          env,
        }),
      ),
  };
  const sessions = createAskSessions(runner, deps.emit);

  return {
    'vault:import': async (req) => {
      const keyFile = req.keyFilePath ? new Uint8Array(readFileSync(req.keyFilePath)) : undefined;
      return face('vault').importVault(store, keys, req.path, {
        format: req.format ?? 'auto',
        ...(req.password !== undefined ? { password: req.password } : {}),
        ...(keyFile ? { keyFile } : {}),
        onProgress: (done, total) => deps.emit('vault:progress', { done, total }),
      });
    },
    'vault:report': () => face('vault').buildReport(store),
    'vault:item': (req) => face('vault').getItemRef(store, req.id),
    'vault:sources': () => face('vault').listSources(store),
    'vault:forget': (req) => ({ forgotten: face('vault').forgetSource(store, req.idOrPath).path }),
    // Snooze/resolve are catalog actions: they go through the permission layer (decided and audited) like the palette.
    'vault:exclude': async (req) => {
      if (req.mode === 'clear') face('vault').clearFindingState(store, req.kind, req.itemIds);
      else {
        const p = await proposeAsUser(
          req.mode === 'snooze'
            ? { action: 'snooze_finding', args: { kind: req.kind, itemIds: req.itemIds, days: req.days ?? 30 } }
            : { action: 'mark_resolved', args: { kind: req.kind, itemIds: req.itemIds } },
        );
        if (p.status !== 'executed') throw new BastionError(p.status === 'denied' ? 'POLICY_DENIED' : 'CONFIRMATION_REQUIRED', `${p.action}: ${p.reason}`);
      }
      return { kind: req.kind, itemIds: req.itemIds, mode: req.mode };
    },
    'kb:search': (req) => face('knowledge').searchKnowledge(store, req.query, { k: req.k ?? 8 }),
    'kb:add': async (req) => {
      engine.managed?.assertUserDocumentsAllowed(store, policy().policy);
      const r = await face('knowledge').addDocuments(store, req.paths, {});
      return { added: r.added.length, updated: r.updated.length, unchanged: r.unchanged.length, skipped: r.skipped };
    },
    'kb:list': () => face('knowledge').listDocuments(store).map((d) => ({ id: d.id, title: d.title, path: d.path, chunks: d.chunks, folder: d.folder })),
    'kb:remove': (req) => {
      engine.managed?.assertDocumentRemovable(store, face('knowledge').listDocuments(store).find((d) => d.id === req.id), policy().policy);
      return { removed: face('knowledge').removeDocument(store, req.id).id };
    },
    'ask:start': (req) => {
      if (!deps.askRunner) face('assistant');
      return sessions.start(req.question, { ...(req.conversationId ? { conversationId: req.conversationId } : {}), ...(req.noLlm !== undefined ? { noLlm: req.noLlm } : {}) });
    },
    'ask:stop': (req) => ({ stopped: sessions.stop(req.conversationId) }),
    'proposals:list': (req) => {
      const all = face('permissions').listProposals(store, { ...(req.status === 'all' ? {} : { status: ['pending'] }), limit: 200 });
      return all.map(view).filter((v): v is NonNullable<typeof v> => v !== null);
    },
    'proposals:create': async (req) => {
      const p = await proposeAsUser(req.request);
      return { proposal: mustView(p), outcome: p.status === 'pending' ? null : toOutcome(p, reveal) };
    },
    'proposals:confirm': async (req) => {
      const p = await face('permissions').confirmProposal(
        store,
        keys,
        { id: req.id, argsHash: req.argsHash, grant: req.remember ?? 'once', ...(req.typedTitle !== undefined ? { typedTitle: req.typedTitle } : {}), ...(req.vaultPassword !== undefined ? { vaultPassword: req.vaultPassword } : {}) },
        ports(),
        { rules: rules() },
      );
      deps.emit('proposals:changed', { id: p.id, status: p.status });
      return toOutcome(p, reveal);
    },
    'proposals:reject': (req) => {
      const p = face('permissions').rejectProposal(store, req.id, { keys });
      deps.emit('proposals:changed', { id: p.id, status: p.status });
      return toOutcome(p);
    },
    'proposals:undo': async (req) => {
      const p = await face('permissions').undoAction(store, keys, { id: req.id, ...(req.vaultPassword !== undefined ? { vaultPassword: req.vaultPassword } : {}) }, ports());
      deps.emit('proposals:changed', { id: p.id, status: p.status });
      return toOutcome(p);
    },
    'audit:list': (req) => face('audit').listAudit(store, { limit: req.limit ?? 500 }),
    'audit:verify': () => {
      const r = face('audit').verifyAudit(store, keys);
      return r.ok
        ? { ok: true, records: r.records, firstBadSeq: null, message: `Intact: ${r.records} records; hash chain and keyed checkpoints verified.` }
        : { ok: false, records: r.records, firstBadSeq: r.firstBadSeq, message: `Tampered at record ${r.firstBadSeq}: ${r.reason}.` };
    },
    'audit:export': (req) => face('audit').exportAudit(store, req.path),
    'models:list': () => {
      const models = face('models')
        .listModels(dataDir)
        .map((m) => {
          const entry = face('models').findCatalogEntry(m.name);
          const r = m as unknown as Record<string, unknown>;
          return {
            name: m.name,
            title: m.title,
            installed: m.installed,
            active: m.active,
            sizeBytes: typeof r.sizeBytes === 'number' ? r.sizeBytes : (entry?.sizeBytes ?? null),
            license: entry?.license ?? null,
            tier: entry ? String((entry as unknown as Record<string, unknown>).tier ?? (entry as unknown as Record<string, unknown>).ramTier ?? '') || null : null,
          };
        });
      const gpu = deps.gpu?.() ?? { backend: 'auto', devices: [], note: 'CUDA, Vulkan or Metal is detected when the model loads; otherwise the CPU is used.' };
      return { models, gpu };
    },
    'models:pull': async (req) => {
      const m = await face('models').pullModel(dataDir, req.name, {
        onProgress: (done: number, total: number | null) => deps.emit('models:progress', { name: req.name, done, total: total ?? 0 }),
        ...(engine.managed ? engine.managed.modelDownloadGuard(store, face('models').findCatalogEntry(req.name)?.sha256, policy().policy) : {}),
      });
      return { name: m.name, path: m.path };
    },
    'models:import': async (req) => {
      const m = await face('models').importModel(dataDir, req.path);
      try {
        engine.managed?.assertModelUsable(m.path, m.sha256, policy().policy);
      } catch (e) {
        face('models').removeModel(dataDir, m.name);
        throw e;
      }
      return { name: m.name, path: m.path };
    },
    'models:use': (req) => {
      const found = face('models').installedModels(dataDir).find((x) => x.name === req.name);
      if (found) engine.managed?.assertModelUsable(found.path, found.sha256, policy().policy);
      return { name: face('models').useModel(dataDir, req.name).name };
    },
    'settings:get': () => {
      const e = effective();
      const history = engine.assistant ? engine.assistant.historyEnabled(store) && e.history.enabled : e.history.enabled;
      return {
        historyEnabled: history,
        hotkey: e.hotkey.accelerator,
        hotkeyEnabled: e.hotkey.enabled,
        knowledgeFolders: [...e.knowledge.managedFolders, ...e.knowledge.userFolders],
        theme: theme.get().theme,
        managed: e.managed,
      };
    },
    'settings:set': (req) => {
      const m = face('managed');
      const before = effective();
      const locked = (key: string) => before.managed.includes(key);
      if (req.historyEnabled !== undefined) {
        if (locked('history.enabled') && req.historyEnabled && !before.history.enabled) throw new BastionError('POLICY_DENIED', 'Chat history is turned off by your organisation\'s policy.');
        m.setUserSetting(store, 'history.enabled', req.historyEnabled);
        engine.assistant?.setHistoryEnabled(store, req.historyEnabled);
      }
      if (req.hotkey !== undefined) m.setUserSetting(store, 'hotkey.accelerator', req.hotkey);
      if (req.hotkeyEnabled !== undefined) m.setUserSetting(store, 'hotkey.enabled', req.hotkeyEnabled);
      if (req.knowledgeFolders?.some((f) => !before.knowledge.managedFolders.includes(f)) && !before.knowledge.allowUserDocuments) {
        throw new BastionError('POLICY_DENIED', "Adding your own knowledge folders is turned off by your organisation's policy.");
      }
      if (req.knowledgeFolders !== undefined) m.setUserSetting(store, 'knowledge.folders', req.knowledgeFolders.filter((f) => !before.knowledge.managedFolders.includes(f)));
      if (req.theme !== undefined) theme.set({ theme: req.theme });
      const e = effective();
      const conflict = req.hotkey !== undefined || req.hotkeyEnabled !== undefined ? (deps.applyHotkey?.(e.hotkey.accelerator, e.hotkey.enabled) ?? null) : null;
      const history = engine.assistant ? engine.assistant.historyEnabled(store) && e.history.enabled : e.history.enabled;
      return {
        settings: { historyEnabled: history, hotkey: e.hotkey.accelerator, hotkeyEnabled: e.hotkey.enabled, knowledgeFolders: [...e.knowledge.managedFolders, ...e.knowledge.userFolders], theme: theme.get().theme },
        hotkeyConflict: conflict,
      };
    },
    'settings:wipe': () => {
      const m = face('managed');
      const plan = m.planWipe(store, { includeAudit: false });
      const done = m.executeWipe(store, plan);
      m.recordWipe(store, keys, plan, done);
      return { removed: [...plan.tables, ...plan.files], kept: plan.kept };
    },
    'policy:status': () => {
      if (!engine.managed) return { state: 'unavailable' as const, source: null, message: 'Managed policy support is not built in this version.', locks: [] };
      const s = policy();
      if (s.status === 'absent') return { state: 'none' as const, source: s.path, message: 'No managed policy: your own settings apply.', locks: [] };
      if (s.status === 'invalid') return { state: 'invalid' as const, source: s.path, message: s.message ?? 'The managed policy file is invalid; Bastion runs locked down.', locks: ['everything'] };
      return { state: 'active' as const, source: s.path, message: 'A managed policy is in force; settings it sets cannot be loosened here.', locks: effective().managed };
    },
    'egress:log': () => (engine.managed ? engine.managed.listEgress(store, { limit: 500 }).map((e) => ({ time: e.time, url: e.url, purpose: e.purpose, blocked: e.blocked, detail: e.detail })) : []),
    'password:generate': async (req) => {
      const p = await proposeAsUser({ action: 'generate_password', args: req });
      return toOutcome(p, reveal);
    },
  };
}
