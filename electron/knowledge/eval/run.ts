// `npm run eval:retrieval`: recall@5 and MRR over a labelled question set (questions.json → expected article ids),
// for keyword-only (FTS5 BM25), vector-only (sign-bit candidates + exact cosine) and hybrid (reciprocal rank fusion).
// The embedding model comes from BASTION_EMBED_MODEL or .cache/models/ (scripts/fetch-embedding-model.sh);
// without one, the vector and hybrid rows say so. `--check` exits 1 when hybrid recall@5 is under the 0.90 target.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { appRoot, openStore } from '../../db';
import { disposeEmbedders, ensureBuiltinIndexed, search } from '..';

const Questions = z.array(z.object({ q: z.string().min(3), expect: z.array(z.string()).min(1) })).min(80);
export const DEFAULT_EMBED_MODEL = join(appRoot(), '.cache', 'models', 'all-minilm-l6-v2-f16.gguf');
const TARGET = 0.9;

export interface EvalRow {
  mode: 'keyword' | 'vector' | 'hybrid';
  recallAt5: number | null;
  mrr: number | null;
  skipped?: string;
  misses?: string[];
}

export async function runEval(opts: { embedModel?: string | null; log?: (s: string) => void } = {}): Promise<EvalRow[]> {
  const questions = Questions.parse(JSON.parse(readFileSync(join(appRoot(), 'electron', 'knowledge', 'eval', 'questions.json'), 'utf8')));
  const model = opts.embedModel === undefined ? (process.env.BASTION_EMBED_MODEL ?? (existsSync(DEFAULT_EMBED_MODEL) ? DEFAULT_EMBED_MODEL : null)) : opts.embedModel;
  const dir = mkdtempSync(join(tmpdir(), 'bastion-eval-'));
  const store = openStore({ dataDir: dir });
  try {
    const embed = model ? { embedModel: model } : { noEmbed: true };
    opts.log?.(model ? `embedding model: ${model}` : 'no embedding model (keyword only)');
    await ensureBuiltinIndexed(store, { ...embed, onProgress: (m) => opts.log?.(m) });
    const rows: EvalRow[] = [];
    for (const mode of ['keyword', 'vector', 'hybrid'] as const) {
      if (mode !== 'keyword' && (!model || !store.vecVersion)) {
        rows.push({ mode, recallAt5: null, mrr: null, skipped: model ? 'skipped: sqlite-vec unavailable' : 'skipped: no embedding model' });
        continue;
      }
      let hits = 0;
      let rr = 0;
      const misses: string[] = [];
      for (const { q, expect } of questions) {
        const r = await search(store, q, { ...embed, mode, k: 10, maxPerDoc: 1 });
        const rank = r.results.findIndex((x) => expect.includes(x.doc));
        if (rank >= 0 && rank < 5) hits++;
        else misses.push(`${q} → got ${r.results.slice(0, 3).map((x) => x.doc).join(', ')}`);
        if (rank >= 0) rr += 1 / (rank + 1);
      }
      rows.push({ mode, recallAt5: hits / questions.length, mrr: rr / questions.length, misses });
    }
    return rows;
  } finally {
    store.close();
    await disposeEmbedders();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /eval[\\/]run\.ts$/.test(process.argv[1])) {
  const verbose = process.argv.includes('--verbose');
  const rows = await runEval({ log: (s) => process.stderr.write(`${s}\n`) });
  const n = Questions.parse(JSON.parse(readFileSync(join(appRoot(), 'electron', 'knowledge', 'eval', 'questions.json'), 'utf8'))).length;
  console.log(`retrieval eval: ${n} questions, ${rows.length} modes (target: hybrid recall@5 >= ${TARGET})`);
  console.table(rows.map((r) => ({ mode: r.mode, 'recall@5': r.recallAt5 === null ? r.skipped : r.recallAt5.toFixed(3), MRR: r.mrr === null ? '' : r.mrr.toFixed(3) })));
  if (verbose) for (const r of rows) for (const m of r.misses ?? []) console.log(`  miss [${r.mode}] ${m}`);
  const hybrid = rows.find((r) => r.mode === 'hybrid');
  if (process.argv.includes('--check') && hybrid?.recallAt5 != null && hybrid.recallAt5 < TARGET) process.exitCode = 1;
}
