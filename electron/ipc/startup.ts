import type { Store } from '../db';
import type { Engine } from './engine';

// Background work the desktop app starts once the window is up (plain Node, so it is tested without Electron):
// history retention now and daily, then the organisation's knowledge packs and folders. Nothing here blocks the
// window, and a failure is reported, never fatal.

export interface StartupOptions {
  store: Store;
  engine: Engine;
  env?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
  timers?: { setInterval: typeof setInterval; clearInterval: typeof clearInterval };
}

export interface StartupJobs {
  /** Settles when the knowledge packs and managed folders have been loaded (or skipped). */
  knowledgeReady: Promise<void>;
  stop(): void;
}

export function startAppJobs(opts: StartupOptions): StartupJobs {
  const { store, engine } = opts;
  const log = opts.log ?? ((m) => console.warn(`Bastion: ${m}`));
  const managed = engine.managed;
  if (!managed) return { knowledgeReady: Promise.resolve(), stop: () => {} };
  const policy = () => managed.loadManagedPolicy(opts.env).policy;

  const deleters = engine.assistant ? [engine.assistant.pruneHistory] : [];
  const stopRetention = managed.scheduleRetention(() => {
    try {
      const r = managed.enforceRetention(store, policy(), Date.now(), { user: managed.readUserSettings(store), deleters });
      if (r.deleted > 0) log(`history retention removed ${r.deleted} messages (${r.mode}).`);
    } catch (e) {
      log(`history retention failed: ${(e as Error).message}`);
    }
  }, opts.timers);

  const knowledgeReady = (async () => {
    if (!engine.knowledge) return;
    try {
      const { packs } = await managed.syncOrganisationKnowledge(store, {}, policy());
      for (const p of packs) if (p.status === 'skipped') log(`knowledge pack ${p.pack} skipped: ${p.reason}`);
    } catch (e) {
      log(`knowledge sync failed: ${(e as Error).message}`);
    }
  })();

  return { knowledgeReady, stop: stopRetention };
}
