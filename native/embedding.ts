// The only place that loads an embedding model (node-llama-cpp's embedding context). Everything else sees Embedder.
import { existsSync } from 'node:fs';
// Types only at load time: node-llama-cpp is imported on first use so commands that never embed start fast.
import type { Llama, LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp';

export interface Embedder {
  /** Length of every vector embed() returns. */
  readonly dimensions: number;
  /** The GGUF this embedder was loaded from. */
  readonly modelPath: string;
  /** One L2-normalised vector per text, in order. Over-long texts are truncated to the model's context. */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

let llamaPromise: Promise<Llama> | undefined;

/** CPU only: embedding models are tiny and this keeps loading deterministic on machines without a usable GPU. */
function llama(): Promise<Llama> {
  return (llamaPromise ??= import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) => getLlama({ gpu: false, logLevel: LlamaLogLevel.error })));
}

/**
 * Loads a GGUF embedding model. One thread by default: a small BERT gains little from more, and spare threads spin
 * badly when the CPU is shared (measured 50x slower per text with all threads on a busy 2-core machine).
 */
export async function loadEmbedder(modelPath: string, opts: { threads?: number } = {}): Promise<Embedder> {
  if (!existsSync(modelPath)) throw new Error(`Embedding model not found: ${modelPath}`);
  const l = await llama();
  const model: LlamaModel = await l.loadModel({ modelPath });
  let context: LlamaEmbeddingContext;
  try {
    context = await model.createEmbeddingContext({ contextSize: Math.min(512, model.trainContextSize), threads: opts.threads ?? 1 });
  } catch (e) {
    await model.dispose();
    throw e;
  }
  const limit = Math.min(512, model.trainContextSize);
  const dimensions = model.embeddingVectorSize;

  async function embedOne(text: string): Promise<Float32Array> {
    let input = text.trim() || '.';
    // Truncate rather than fail: a chunk longer than the model's window keeps its first part's meaning.
    while (context.calculateInputLength(input) > limit) input = input.slice(0, Math.floor(input.length * 0.8));
    const { vector } = await context.getEmbeddingFor(input);
    return normalise(vector);
  }

  return {
    dimensions,
    modelPath,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (const t of texts) out.push(await embedOne(t));
      return out;
    },
    async dispose() {
      await context.dispose();
      await model.dispose();
    },
  };
}

function normalise(v: readonly number[]): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * s;
  return out;
}
