import type { RegisterCommands } from './types';

// `bastion models list | pull NAME | import FILE | use NAME | rollback | remove NAME`.

export const registerModels: RegisterCommands = (program, run) => {
  const models = program.command('models').description('local chat models: the catalog, downloads and offline imports');

  models
    .command('list')
    .description('the catalog (by RAM/VRAM tier) and installed models')
    .action(
      run(({ cli, uc, ctx }) => {
        const rows = uc.models.list(ctx);
        cli.print(rows, () =>
          rows
            .map((r) => `${r.active ? '*' : r.previous ? '<' : ' '} ${r.name.padEnd(24)} ${r.installed ? 'installed' : '         '} ${gb(r.sizeBytes).padStart(8)}  ${r.tier ?? ''}${r.license ? `  ${r.license}` : ''}${r.sha256 ? '' : '  (sha256 unverified)'}`)
            .join('\n') + (rows.some((r) => r.previous) ? '\n(* active; < kept for rollback: `bastion models rollback`)' : ''),
        );
      }),
    );

  models
    .command('pull')
    .description('download a catalog model (resumable, sha256-checked; managed policy may forbid it)')
    .argument('<name>', 'a name from `models list`')
    .option('--url <url>', 'download from this mirror instead of the catalog URI')
    .action(
      run(async ({ cli, uc, ctx }, name: string, flags: { url?: string }) => {
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        try {
          const m = await uc.models.pull(ctx, name, {
            ...(flags.url ? { url: flags.url } : {}),
            signal: controller.signal,
            onProgress: (done, total) => cli.progress(`downloading ${name}: ${gb(done)}${total ? ` / ${gb(total)} (${Math.floor((100 * done) / total)}%)` : ''}`),
          });
          cli.print(m, () => `Installed ${m.name} (${gb(m.bytes)}, sha256 ${m.sha256}${m.verified ? ', verified' : ', UNVERIFIED: the catalog has no hash for it'}).`);
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
      run(async ({ cli, uc, ctx }, file: string, flags: { name?: string; use?: boolean }) => {
        const m = await uc.models.importFile(ctx, file, { ...(flags.name ? { name: flags.name } : {}), use: Boolean(flags.use) });
        cli.print(m, () => `Imported ${m.name} (${m.architecture ?? 'unknown architecture'}, ${gb(m.bytes)}, sha256 ${m.sha256}${m.verified ? ', matches the catalog' : ''})${m.active ? '; now active' : ''}.`);
      }),
    );

  models
    .command('use')
    .description('make an installed model the one `ask` uses')
    .argument('<name>')
    .action(
      run(({ cli, uc, ctx }, name: string) => {
        const m = uc.models.use(ctx, name);
        cli.print({ active: m.name, path: m.path }, () => `Now using ${m.name}.`);
      }),
    );

  models
    .command('rollback')
    .description('switch back to the model used before the active one (kept installed until the new one has answered once)')
    .action(
      run(({ cli, uc, ctx }) => {
        const r = uc.models.rollback(ctx);
        cli.print({ from: r.from, active: r.to.name, path: r.to.path, sha256: r.to.sha256 }, () => `Rolled back${r.from ? ` from ${r.from}` : ''} to ${r.to.name} (sha256 ${r.to.sha256}). \`bastion models rollback\` again switches forward.`);
      }),
    );

  models
    .command('remove')
    .description('delete an installed model')
    .argument('<name>')
    .action(
      run(({ cli, uc, ctx }, name: string) => {
        const r = uc.models.remove(ctx, name);
        cli.print(r, () => `Removed ${r.removed}${r.wasActive ? ' (it was the active model; none is active now)' : ''}.`);
      }),
    );
};

const gb = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(2)} GB` : `${(n / 2 ** 20).toFixed(1)} MB`);
