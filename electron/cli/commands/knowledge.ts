import type { Command } from 'commander';
import { BastionError } from '../../core';
import type { AddSummary } from '../../knowledge';
import type { Fallback } from '../../usecases';
import type { CliIo } from '../io';
import type { RegisterCommands } from './types';

// `bastion kb search | add | list | remove | index | sync | set-embed-model | folders add|remove|list`.

interface EmbedFlags {
  embedModel?: string;
  keywordOnly?: boolean;
}

const withEmbed = (c: Command) =>
  c
    .option('--embed-model <path>', 'GGUF embedding model (env BASTION_EMBED_MODEL, or the stored setting)')
    .option('--keyword-only', 'do not use an embedding model even if one is configured');

function progress(cli: CliIo) {
  return (done: number, total: number, path: string) => {
    if (total >= 5 && path) cli.progress(`indexing ${done + 1}/${total}: ${path}`);
  };
}

function summaryText(s: AddSummary & { removed?: unknown[]; fallback?: Fallback | null }): string {
  const lines = [
    `added ${s.added.length}, updated ${s.updated.length}, unchanged ${s.unchanged.length}, skipped ${s.skipped.length}` +
      (s.removed ? `, removed ${s.removed.length}` : ''),
  ];
  for (const d of [...s.added, ...s.updated]) lines.push(`  indexed ${d.id}  ${d.title}  (${d.chunks} chunks)  ${d.path ?? ''}`);
  for (const k of s.skipped) lines.push(`  skipped ${k.path}: ${k.reason}`);
  if (s.fallback) lines.push(`Note: ${s.fallback.message}`);
  return lines.join('\n');
}

export const registerKnowledge: RegisterCommands = (program, run) => {
  const kb = program.command('kb').description('local knowledge base: built-in security articles plus your documents');

  withEmbed(kb.command('search <query>').description('search the knowledge base (hybrid with an embedding model, else keyword)'))
    .option('--k <n>', 'number of results', '5')
    .action(
      run(async ({ cli, uc, ctx }, query: string, flags: EmbedFlags & { k: string }) => {
        const k = Number.parseInt(flags.k, 10);
        if (!Number.isInteger(k) || k < 1 || k > 50) throw new BastionError('BAD_INPUT', '--k must be a whole number from 1 to 50.');
        const r = await uc.knowledge.withEmbedders(() => uc.knowledge.search(ctx, query, { ...flags, k }));
        const json = { mode: r.mode, results: r.results.map(({ doc, title, heading, snippet, score, untrusted }) => ({ doc, title, heading, snippet, score, untrusted })) };
        cli.print(json, () =>
          [
            `mode: ${r.mode}${r.mode === 'keyword' ? ' (no embedding model configured)' : ''}`,
            ...r.results.map((x, i) => `${i + 1}. ${x.title}${x.heading ? ` › ${x.heading}` : ''}  [${x.doc}${x.untrusted ? ', your document' : ''}]\n   ${x.snippet}`),
            ...(r.results.length === 0 ? ['no results'] : []),
          ].join('\n'),
        );
      }),
    );

  withEmbed(kb.command('add <paths...>').description('index files or folders (Markdown, text, HTML, PDF); changed files are re-indexed')).action(
    run(async ({ cli, uc, ctx }, paths: string[], flags: EmbedFlags) => {
      const s = await uc.knowledge.withEmbedders(() => uc.knowledge.add(ctx, paths, { ...flags, onProgress: progress(cli) }));
      cli.print(s, () => summaryText(s));
      if (s.added.length + s.updated.length + s.unchanged.length === 0) {
        throw new BastionError('BAD_FILE', s.skipped.length ? 'Nothing could be indexed (see the reasons above).' : 'No documents found at the given paths.');
      }
    }),
  );

  kb.command('list')
    .description('list your indexed documents')
    .option('--all', 'include the built-in articles')
    .action(
      run(({ cli, uc, ctx }, flags: { all?: boolean }) => {
        const docs = uc.knowledge.list(ctx, { all: flags.all ?? false });
        cli.print({ documents: docs }, () =>
          docs.length ? docs.map((d) => `${d.id}  ${d.kind.padEnd(8)} ${String(d.chunks).padStart(4)} chunks  ${d.title}  ${d.path ?? ''}`).join('\n') : 'no documents; add some with `bastion kb add PATH`',
        );
      }),
    );

  kb.command('remove <id>')
    .description('remove a document (by id or path) from the index')
    .action(
      run(({ cli, uc, ctx }, id: string) => {
        const d = uc.knowledge.remove(ctx, id);
        cli.print({ removed: d }, () => `removed ${d.id}  ${d.title}`);
      }),
    );

  withEmbed(kb.command('index').description('index the built-in articles now (normally done on first search)')).action(
    run(async ({ cli, uc, ctx }, flags: EmbedFlags) => {
      const n = await uc.knowledge.withEmbedders(() => uc.knowledge.indexBuiltin(ctx, { ...flags, onProgress: (m) => cli.progress(m) }));
      cli.print({ builtinArticles: n }, () => `${n} built-in articles indexed`);
    }),
  );

  withEmbed(kb.command('sync').description("re-index the knowledge folders (yours and your organisation's) and load its knowledge packs")).action(
    run(async ({ cli, uc, ctx }, flags: EmbedFlags) => {
      const { dirs, packs, sync: s, fallback } = await uc.knowledge.withEmbedders(() => uc.knowledge.sync(ctx, { ...flags, onProgress: progress(cli) }));
      cli.print({ ...s, packs, fallback }, () =>
        [
          dirs.length ? summaryText(s) : 'no knowledge folders; add one with `bastion kb folders add DIR`',
          ...packs.map((p) => `pack ${p.pack}: ${p.status}${p.status === 'skipped' ? ` (${p.reason})` : `, ${p.documents} documents`}`),
          ...(fallback ? [`Note: ${fallback.message}`] : []),
        ].join('\n'),
      );
    }),
  );

  kb.command('set-embed-model <path>')
    .description('remember an embedding model (GGUF) for hybrid search; "none" forgets it')
    .action(
      run(({ cli, uc, ctx }, path: string) => {
        const value = uc.knowledge.setEmbedModel(ctx, path === 'none' ? null : path);
        cli.print({ embedModel: value }, () => (value ? `embedding model: ${value}` : 'embedding model cleared (keyword search only)'));
      }),
    );

  const folders = kb.command('folders').description('folders of documents (e.g. company policies) kept in sync by `kb sync`');
  folders.command('add <dir>').action(
    run(({ cli, uc, ctx }, dir: string) => {
      const abs = uc.knowledge.addFolder(ctx, dir);
      cli.print({ added: abs }, () => `knowledge folder added: ${abs} (run \`bastion kb sync\` to index it)`);
    }),
  );
  folders
    .command('remove <dir>')
    .option('--keep-documents', 'leave its documents indexed')
    .action(
      run(({ cli, uc, ctx }, dir: string, flags: { keepDocuments?: boolean }) => {
        const n = uc.knowledge.removeFolder(ctx, dir, { keepDocuments: flags.keepDocuments ?? false });
        cli.print({ removed: dir, documentsRemoved: n }, () => `knowledge folder removed (${n} documents dropped from the index)`);
      }),
    );
  folders.command('list').action(
    run(({ cli, uc, ctx }) => {
      const f = uc.knowledge.folders(ctx);
      cli.print({ folders: f.user, managed: f.managed, packs: f.packs }, () =>
        [...f.managed.map((d) => `${d}  [managed]`), ...f.user, ...f.packs.map((p) => `${p}  [pack]`)].join('\n') || 'no knowledge folders',
      );
    }),
  );
};
