import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BastionError } from '../../core';
import {
  addDocuments,
  addFolder,
  disposeEmbedders,
  ensureBuiltinIndexed,
  listDocuments,
  listFolders,
  removeDocument,
  removeFolder,
  searchKnowledge,
  setKnowledgeSetting,
  type AddSummary,
  type EmbedOptions,
} from '../../knowledge';
import { assertDocumentRemovable, assertUserDocumentsAllowed, effectiveSettings, syncOrganisationKnowledge } from '../../managed';
import type { CliContext } from '../context';
import type { RegisterCommands } from './types';

interface EmbedFlags {
  embedModel?: string;
  keywordOnly?: boolean;
}

const withEmbed = (c: Command) =>
  c
    .option('--embed-model <path>', 'GGUF embedding model (env BASTION_EMBED_MODEL, or the stored setting)')
    .option('--keyword-only', 'do not use an embedding model even if one is configured');

function embedOpts(flags: EmbedFlags): EmbedOptions {
  return { embedModel: flags.embedModel, noEmbed: flags.keywordOnly };
}

function progress(ctx: CliContext) {
  return (done: number, total: number, path: string) => {
    if (total >= 5 && path) ctx.progress(`indexing ${done + 1}/${total}: ${path}`);
  };
}

function summaryText(s: AddSummary & { removed?: unknown[] }): string {
  const lines = [
    `added ${s.added.length}, updated ${s.updated.length}, unchanged ${s.unchanged.length}, skipped ${s.skipped.length}` +
      (s.removed ? `, removed ${s.removed.length}` : ''),
  ];
  for (const d of [...s.added, ...s.updated]) lines.push(`  indexed ${d.id}  ${d.title}  (${d.chunks} chunks)  ${d.path ?? ''}`);
  for (const k of s.skipped) lines.push(`  skipped ${k.path}: ${k.reason}`);
  return lines.join('\n');
}

async function withModels<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await disposeEmbedders();
  }
}

export const registerKnowledge: RegisterCommands = (program, run) => {
  const kb = program.command('kb').description('local knowledge base: built-in security articles plus your documents');

  withEmbed(kb.command('search <query>').description('search the knowledge base (hybrid with an embedding model, else keyword)'))
    .option('--k <n>', 'number of results', '5')
    .action(
      run(async (ctx, query: string, flags: EmbedFlags & { k: string }) => {
        const k = Number.parseInt(flags.k, 10);
        if (!Number.isInteger(k) || k < 1 || k > 50) throw new BastionError('BAD_INPUT', '--k must be a whole number from 1 to 50.');
        const r = await withModels(() => searchKnowledge(ctx.store(), query, { ...embedOpts(flags), k }));
        const json = { mode: r.mode, results: r.results.map(({ doc, title, heading, snippet, score, untrusted }) => ({ doc, title, heading, snippet, score, untrusted })) };
        ctx.print(json, () =>
          [
            `mode: ${r.mode}${r.mode === 'keyword' ? ' (no embedding model configured)' : ''}`,
            ...r.results.map((x, i) => `${i + 1}. ${x.title}${x.heading ? ` › ${x.heading}` : ''}  [${x.doc}${x.untrusted ? ', your document' : ''}]\n   ${x.snippet}`),
            ...(r.results.length === 0 ? ['no results'] : []),
          ].join('\n'),
        );
      }),
    );

  withEmbed(kb.command('add <paths...>').description('index files or folders (Markdown, text, HTML, PDF); changed files are re-indexed'))
    .action(
      run(async (ctx, paths: string[], flags: EmbedFlags) => {
        assertUserDocumentsAllowed(ctx.store());
        const s = await withModels(() => addDocuments(ctx.store(), paths, { ...embedOpts(flags), onProgress: progress(ctx) }));
        ctx.print(s, () => summaryText(s));
        if (s.added.length + s.updated.length + s.unchanged.length === 0) {
          throw new BastionError('BAD_FILE', s.skipped.length ? 'Nothing could be indexed (see the reasons above).' : 'No documents found at the given paths.');
        }
      }),
    );

  kb.command('list')
    .description('list your indexed documents')
    .option('--all', 'include the built-in articles')
    .action(
      run(async (ctx, flags: { all?: boolean }) => {
        const docs = listDocuments(ctx.store(), { includeBuiltin: flags.all });
        ctx.print({ documents: docs }, () =>
          docs.length ? docs.map((d) => `${d.id}  ${d.kind.padEnd(8)} ${String(d.chunks).padStart(4)} chunks  ${d.title}  ${d.path ?? ''}`).join('\n') : 'no documents; add some with `bastion kb add PATH`',
        );
      }),
    );

  kb.command('remove <id>')
    .description('remove a document (by id or path) from the index')
    .action(
      run(async (ctx, id: string) => {
        assertDocumentRemovable(ctx.store(), listDocuments(ctx.store()).find((d) => d.id === id || d.path === resolve(id)));
        const d = removeDocument(ctx.store(), id);
        ctx.print({ removed: d }, () => `removed ${d.id}  ${d.title}`);
      }),
    );

  withEmbed(kb.command('index').description('index the built-in articles now (normally done on first search)')).action(
    run(async (ctx, flags: EmbedFlags) => {
      await withModels(() => ensureBuiltinIndexed(ctx.store(), { ...embedOpts(flags), onProgress: (m) => ctx.progress(m) }));
      const n = listDocuments(ctx.store(), { includeBuiltin: true }).filter((d) => !d.path && !d.folder).length;
      ctx.print({ builtinArticles: n }, () => `${n} built-in articles indexed`);
    }),
  );

  withEmbed(kb.command('sync').description("re-index the knowledge folders (yours and your organisation's) and load its knowledge packs")).action(
    run(async (ctx, flags: EmbedFlags) => {
      const { dirs, packs, sync: s } = await withModels(() => syncOrganisationKnowledge(ctx.store(), { ...embedOpts(flags), onProgress: progress(ctx) }));
      ctx.print({ ...s, packs }, () =>
        [
          dirs.length ? summaryText(s) : 'no knowledge folders; add one with `bastion kb folders add DIR`',
          ...packs.map((p) => `pack ${p.pack}: ${p.status}${p.status === 'skipped' ? ` (${p.reason})` : `, ${p.documents} documents`}`),
        ].join('\n'),
      );
    }),
  );

  kb.command('set-embed-model <path>')
    .description('remember an embedding model (GGUF) for hybrid search; "none" forgets it')
    .action(
      run(async (ctx, path: string) => {
        const value = path === 'none' ? null : (await import('node:path')).resolve(path);
        setKnowledgeSetting(ctx.store(), 'embed_model', value);
        ctx.print({ embedModel: value }, () => (value ? `embedding model: ${value}` : 'embedding model cleared (keyword search only)'));
      }),
    );

  const folders = kb.command('folders').description('folders of documents (e.g. company policies) kept in sync by `kb sync`');
  folders
    .command('add <dir>')
    .action(
      run(async (ctx, dir: string) => {
        assertUserDocumentsAllowed(ctx.store());
        const abs = addFolder(ctx.store(), dir);
        ctx.print({ added: abs }, () => `knowledge folder added: ${abs} (run \`bastion kb sync\` to index it)`);
      }),
    );
  folders
    .command('remove <dir>')
    .option('--keep-documents', 'leave its documents indexed')
    .action(
      run(async (ctx, dir: string, flags: { keepDocuments?: boolean }) => {
        const n = removeFolder(ctx.store(), dir, { keepDocuments: flags.keepDocuments });
        ctx.print({ removed: dir, documentsRemoved: n }, () => `knowledge folder removed (${n} documents dropped from the index)`);
      }),
    );
  folders.command('list').action(
    run(async (ctx) => {
      const dirs = listFolders(ctx.store());
      const k = effectiveSettings(ctx.store()).knowledge;
      ctx.print({ folders: dirs, managed: k.managedFolders, packs: k.packs }, () =>
        [...k.managedFolders.map((d) => `${d}  [managed]`), ...dirs, ...k.packs.map((p) => `${p}  [pack]`)].join('\n') || 'no knowledge folders',
      );
    }),
  );
};
