import { assertModelUsable, modelDownloadGuard } from '../../managed';
import { findCatalogEntry, importModel, installedModels, listModels, pullModel, removeModel, useModel } from '../../../models';
import type { RegisterCommands } from './types';

// `bastion models list | pull NAME | import FILE | use NAME | remove NAME`.

export const registerModels: RegisterCommands = (program, run) => {
  const models = program.command('models').description('local chat models: the catalog, downloads and offline imports');

  models
    .command('list')
    .description('the catalog (by RAM/VRAM tier) and installed models')
    .action(
      run((ctx) => {
        const rows = listModels(ctx.dataDir);
        ctx.print(rows, () =>
          rows
            .map((r) => `${r.active ? '*' : ' '} ${r.name.padEnd(24)} ${r.installed ? 'installed' : '         '} ${gb(r.sizeBytes).padStart(8)}  ${r.tier ?? ''}${r.license ? `  ${r.license}` : ''}${r.sha256 ? '' : '  (sha256 unverified)'}`)
            .join('\n'),
        );
      }),
    );

  models
    .command('pull')
    .description('download a catalog model (resumable, sha256-checked; managed policy may forbid it)')
    .argument('<name>', 'a name from `models list`')
    .option('--url <url>', 'download from this mirror instead of the catalog URI')
    .action(
      run(async (ctx, name: string, flags: { url?: string }) => {
        const entry = findCatalogEntry(name);
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        try {
          const m = await pullModel(ctx.dataDir, name, {
            url: flags.url,
            signal: controller.signal,
            // Policy (with the user's settings) decides; every request made or refused goes to the egress log.
            ...modelDownloadGuard(ctx.store(), entry?.sha256),
            onProgress: (done, total) => ctx.progress(`downloading ${name}: ${gb(done)}${total ? ` / ${gb(total)} (${Math.floor((100 * done) / total)}%)` : ''}`),
          });
          ctx.print(m, () => `Installed ${m.name} (${gb(m.bytes)}, sha256 ${m.sha256}${m.verified ? ', verified' : ', UNVERIFIED: the catalog has no hash for it'}).`);
        } finally {
          process.off('SIGINT', stop);
        }
      }),
    );

  models
    .command('import')
    .description('copy a local GGUF into Bastion (the offline / enterprise path); it is checked to be a loadable GGUF')
    .argument('<file>', 'a .gguf file')
    .option('--name <name>', 'name to install it under (default: the file name)')
    .option('--use', 'make it the active model')
    .action(
      run(async (ctx, file: string, flags: { name?: string; use?: boolean }) => {
        const m = await importModel(ctx.dataDir, file, { name: flags.name });
        try {
          assertModelUsable(m.path, m.sha256);
        } catch (e) {
          removeModel(ctx.dataDir, m.name);
          throw e;
        }
        if (flags.use) useModel(ctx.dataDir, m.name);
        ctx.print({ ...m, active: Boolean(flags.use) }, () => `Imported ${m.name} (${m.architecture ?? 'unknown architecture'}, ${gb(m.bytes)}, sha256 ${m.sha256}${m.verified ? ', matches the catalog' : ''})${flags.use ? '; now active' : ''}.`);
      }),
    );

  models
    .command('use')
    .description('make an installed model the one `ask` uses')
    .argument('<name>')
    .action(
      run((ctx, name: string) => {
        const found = installedModels(ctx.dataDir).find((x) => x.name === name);
        if (found) assertModelUsable(found.path, found.sha256);
        const m = useModel(ctx.dataDir, name);
        ctx.print({ active: m.name, path: m.path }, () => `Now using ${m.name}.`);
      }),
    );

  models
    .command('remove')
    .description('delete an installed model')
    .argument('<name>')
    .action(
      run((ctx, name: string) => {
        const r = removeModel(ctx.dataDir, name);
        ctx.print(r, () => `Removed ${r.removed}${r.wasActive ? ' (it was the active model; none is active now)' : ''}.`);
      }),
    );
};

const gb = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(2)} GB` : `${(n / 2 ** 20).toFixed(1)} MB`);
