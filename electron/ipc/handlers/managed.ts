import { BastionError } from '../../core';
import { managed } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function managedHandlers({ ctx }: HandlerDeps): Handlers<'settings:wipe' | 'policy:status' | 'egress:log'> {
  return {
    'settings:wipe': () => {
      const plan = managed.planDataWipe(ctx, { includeAudit: false });
      if (!plan) throw new BastionError('NOT_FOUND', 'There is no Bastion data to wipe.');
      managed.wipe(ctx, plan);
      return { removed: [...plan.tables, ...plan.files], kept: plan.kept };
    },
    'policy:status': () => {
      const s = managed.policyState(ctx);
      const seen = { sha256: s.sha256, history: s.history.map(({ id: _id, ...h }) => h), fallback: s.fallback };
      if (s.status === 'absent') return { state: 'none' as const, source: s.path, message: 'No managed policy: your own settings apply.', locks: [], ...seen };
      if (s.status === 'invalid') return { state: 'invalid' as const, source: s.path, message: s.message ?? 'The managed policy file is invalid; Bastion runs locked down.', locks: ['everything'], ...seen };
      return { state: 'active' as const, source: s.path, message: 'A managed policy is in force; settings it sets cannot be loosened here.', locks: s.effective.managed, ...seen };
    },
    'egress:log': () => managed.egress(ctx, { limit: 500 }).map((e) => ({ time: new Date(e.at).toISOString(), url: e.url, purpose: e.purpose, blocked: !e.allowed, detail: e.detail ?? null })),
  };
}
