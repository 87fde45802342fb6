// LLM suite: model load, time to first token cold and warm (system prompt already evaluated), decode tokens/s
// through Bastion's runtime against a bare node-llama-cpp evaluate loop on the same GGUF in the same run, at 1 and
// 2 threads, and peak RSS. Uses the real model when scripts/fetch-chat-model.sh has cached it, else the tiny one.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadLlmRuntime, type LlmRuntime } from '../../native';
import { SYSTEM_PROMPT } from '../../electron/assistant';
import { appRoot } from '../../electron/db';
import { median, round, type BenchRow, type Suite } from '../harness';

const USER = 'Explain in plain words why reusing one password on several sites is risky, and what to do instead.';

interface Decode {
  tokens: number;
  ms: number;
  tps: number;
}

/** A closer the suite calls itself and the runner calls again if the suite stopped before: runs once. */
function once(f: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= f());
}

function pickModel(): { path: string; which: string } {
  const real = join(appRoot(), '.cache', 'models', 'gemma3-270m-q4_k_m.gguf');
  if (process.env.BASTION_BENCH_MODEL) return { path: process.env.BASTION_BENCH_MODEL, which: 'BASTION_BENCH_MODEL' };
  if (existsSync(real)) return { path: real, which: 'real' };
  const tiny = join(appRoot(), '.cache', 'models', 'tiny.gguf');
  if (!existsSync(tiny)) execFileSync('bash', [join(appRoot(), 'scripts', 'make-tiny-model.sh')], { stdio: 'inherit' });
  return { path: tiny, which: 'tiny (random weights; run scripts/fetch-chat-model.sh for the real one)' };
}

/** Decode rate through Bastion: tokens after the first, over the time after the first. */
async function bastionDecode(rt: LlmRuntime, n: number, user: string): Promise<Decode> {
  const t0 = performance.now();
  const r = await rt.generate({ system: SYSTEM_PROMPT, user, maxTokens: n, temperature: 0 });
  const ms = performance.now() - t0 - (r.ttftMs ?? 0);
  return { tokens: r.generatedTokens, ms, tps: ((r.generatedTokens - 1) / ms) * 1000 };
}

/** The baseline: node-llama-cpp's own sequence.evaluate loop, no chat session, no Bastion code. */
async function bareLoop(modelPath: string, threads: number, contextSize: number) {
  // The one place outside native/ that loads node-llama-cpp: a baseline must not share Bastion's code.
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  const llama = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize, threads, sequences: 1 });
  const seq = context.getSequence();
  return {
    async decode(n: number, prompt: string): Promise<Decode> {
      await seq.clearHistory();
      const tokens = model.tokenize(prompt);
      let count = 0;
      let tFirst = 0;
      for await (const _t of seq.evaluate(tokens, { temperature: 0 })) {
        if (count === 0) tFirst = performance.now();
        if (++count >= n) break;
      }
      const ms = performance.now() - tFirst;
      return { tokens: count, ms, tps: ((count - 1) / ms) * 1000 };
    },
    async dispose() {
      await context.dispose();
      await model.dispose();
    },
  };
}

export const llmSuite: Suite = async ({ quick, defer }) => {
  const { path, which } = pickModel();
  const rows: BenchRow[] = [];
  const skipped: string[] = [];
  const n = quick ? 24 : 96;
  const reps = quick ? 2 : 3;
  const contextSize = 2048;
  const perThreads: Record<string, unknown> = {};
  let first: Record<string, number> | null = null;

  // BASTION_BENCH_THREADS=1 (or "1,2,4") picks the thread counts; default 1 and 2 as issue 8 asks.
  const threadCounts = (process.env.BASTION_BENCH_THREADS ?? '1,2').split(',').map(Number).filter((x) => Number.isInteger(x) && x > 0);
  for (const threads of threadCounts) {
    console.log(`  ${basename(path)}: ${threads} thread(s)…`);
    const t0 = performance.now();
    const rt = await loadLlmRuntime({ modelPath: path, threads, contextSize });
    const disposeRt = once(() => rt.dispose());
    defer(`bastion runtime (${threads} threads)`, disposeRt);
    const loadMs = performance.now() - t0;
    // Cold: the system prompt is evaluated for the first time. Warm: same system prompt, new question.
    const cold = await rt.generate({ system: SYSTEM_PROMPT, user: USER, maxTokens: 1 });
    const warm: number[] = [];
    for (let i = 0; i < reps; i++) {
      const r = await rt.generate({ system: SYSTEM_PROMPT, user: `${USER} (variant ${i})`, maxTokens: 1 });
      warm.push(r.ttftMs ?? Number.NaN);
    }
    console.log(`  load ${round(loadMs)} ms, ttft cold ${round(cold.ttftMs ?? Number.NaN)} ms, warm ${round(median(warm))} ms; decoding…`);
    const bare = await bareLoop(path, threads, contextSize);
    const disposeBare = once(() => bare.dispose());
    defer(`bare loop (${threads} threads)`, disposeBare);
    // Interleaved so both see the same machine load; the bare loop gets the exact text Bastion's template produced.
    const ours: Decode[] = [];
    const base: Decode[] = [];
    const promptText = `${SYSTEM_PROMPT}\n\n${USER}`;
    for (let i = 0; i < reps; i++) {
      ours.push(await bastionDecode(rt, n, `${USER} (run ${i})`));
      base.push(await bare.decode(n, `${promptText} (run ${i})`));
    }
    await disposeBare();
    await disposeRt();

    const tps = median(ours.map((d) => d.tps));
    const baseTps = median(base.map((d) => d.tps));
    const ratio = tps / baseTps;
    const label = `${threads} thread${threads > 1 ? 's' : ''}`;
    rows.push({ name: `load (${label})`, median_ms: loadMs, note: basename(path) });
    rows.push({ name: `ttft cold (${label})`, median_ms: cold.ttftMs ?? Number.NaN, note: 'system prompt evaluated' });
    rows.push({ name: `ttft warm (${label})`, median_ms: median(warm), note: 'system prompt KV reused' });
    rows.push({ name: `decode (${label})`, value: tps, unit: 'tok/s', baseline: 'bare node-llama-cpp loop', baseline_value: baseTps, ratio, better: 'higher', note: `${median(ours.map((d) => d.tokens))} tokens` });
    const entry = { load_ms: round(loadMs), ttft_cold_ms: round(cold.ttftMs ?? Number.NaN), ttft_warm_ms: round(median(warm)), decode_tps: round(tps), baseline_decode_tps: round(baseTps), ratio: round(ratio, 3) };
    perThreads[`threads_${threads}`] = entry;
    first ??= entry;
    if (ours.some((d) => d.tokens < n)) skipped.push(`${label}: the model stopped before ${n} tokens in some runs (rate computed on what it generated)`);
  }
  const peakRssMb = round(process.resourceUsage().maxRSS / 1024, 1);
  rows.push({ name: 'peak RSS', value: peakRssMb, unit: 'MB', note: 'whole bench process (both model copies loaded)' });
  return {
    rows,
    summary: { model: `${basename(path)} (${which})`, ...first, peak_rss_mb: peakRssMb, gpu: false, ...perThreads },
    skipped,
  };
};
