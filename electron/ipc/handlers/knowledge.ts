import { knowledge } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function knowledgeHandlers({ ctx }: HandlerDeps): Handlers<'kb:search' | 'kb:add' | 'kb:list' | 'kb:remove'> {
  return {
    'kb:search': (req) => knowledge.search(ctx, req.query, { k: req.k ?? 8 }),
    'kb:add': async (req) => {
      const r = await knowledge.add(ctx, req.paths);
      return { added: r.added.length, updated: r.updated.length, unchanged: r.unchanged.length, skipped: r.skipped, fallback: r.fallback };
    },
    'kb:list': () => knowledge.list(ctx).map((d) => ({ id: d.id, title: d.title, path: d.path, chunks: d.chunks, folder: d.folder })),
    'kb:remove': (req) => ({ removed: knowledge.remove(ctx, req.id).id }),
  };
}
