import { models } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

const NO_GPU_YET = { backend: 'auto', devices: [], note: 'CUDA, Vulkan or Metal is detected when the model loads; otherwise the CPU is used.' };

export function modelHandlers({ ctx, emit, gpu }: HandlerDeps): Handlers<'models:list' | 'models:pull' | 'models:import' | 'models:use' | 'models:rollback'> {
  return {
    'models:list': () => ({
      models: models.list(ctx).map((m) => ({ name: m.name, title: m.title, installed: m.installed, active: m.active, sizeBytes: m.sizeBytes, license: m.license, tier: m.tier, previous: m.previous, kind: m.kind, kindNote: m.kindNote })),
      gpu: gpu?.() ?? NO_GPU_YET,
    }),
    'models:pull': async (req) => {
      const m = await models.pull(ctx, req.name, { onProgress: (done, total) => emit('models:progress', { name: req.name, done, total: total ?? 0 }) });
      return { name: m.name, path: m.path };
    },
    'models:import': async (req) => {
      const m = await models.importFile(ctx, req.path);
      return { name: m.name, path: m.path };
    },
    'models:use': (req) => ({ name: models.use(ctx, req.name).name }),
    'models:rollback': () => {
      const r = models.rollback(ctx);
      return { from: r.from, name: r.to.name };
    },
  };
}
