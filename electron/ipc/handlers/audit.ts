import { audit } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function auditHandlers({ ctx }: HandlerDeps): Handlers<'audit:list' | 'audit:verify' | 'audit:export'> {
  return {
    'audit:list': (req) => audit.listRecords(ctx, { limit: req.limit ?? 500 }),
    'audit:verify': () => {
      const r = audit.verify(ctx);
      return { ok: r.ok, records: r.records, firstBadSeq: r.firstBadSeq, message: r.message };
    },
    'audit:export': (req) => {
      const r = audit.exportRecords(ctx, { path: req.path });
      return { path: r.path, records: r.records };
    },
  };
}
