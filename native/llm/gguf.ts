// GGUF metadata without loading weights or the addon's model code: enough to refuse a file that is not a loadable
// model, and to tell an instruction-tuned model (it carries a chat template) from a base model (it does not).
import { closeSync, openSync, readSync } from 'node:fs';

export interface GgufHeader {
  version: number;
  tensorCount: number;
  architecture: string | null;
  name: string | null;
  contextLength: number | null;
  /** `tokenizer.chat_template` (Jinja), null when the file has none. */
  chatTemplate: string | null;
  /** `general.finetune`, e.g. "instruct" or "8k-lc100k-mix1-ep2"; null when absent. */
  finetune: string | null;
  /** `general.type`: "model", "adapter", …; null when absent. */
  type: string | null;
}

export type ModelKind = 'instruct' | 'base';

export interface ModelKindInfo {
  kind: ModelKind;
  /** Why, in a few words: which metadata decided it. */
  reason: string;
}

/** Reads a GGUF's magic and metadata (no weights, no addon): enough to refuse a file that is not a loadable model. */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(24);
  try {
    const n = readSync(fd, head, 0, 24, 0);
    if (n < 24 || head.toString('latin1', 0, 4) !== 'GGUF') throw new Error(`${path} is not a GGUF file (bad magic).`);
  } finally {
    closeSync(fd);
  }
  const version = head.readUInt32LE(4);
  if (version < 2 || version > 3) throw new Error(`${path} is GGUF version ${version}; only versions 2 and 3 are supported.`);
  const { readGgufFileInfo } = await import('node-llama-cpp');
  const info = await readGgufFileInfo(path, { readTensorInfo: false, logWarnings: false });
  const general = (info.metadata.general ?? {}) as { architecture?: unknown; name?: unknown; finetune?: unknown; type?: unknown };
  const tokenizer = (info.metadata.tokenizer ?? {}) as { chat_template?: unknown };
  const arch = (info.architectureMetadata ?? {}) as { context_length?: number };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  return {
    version: info.version,
    tensorCount: Number(info.tensorCount),
    architecture: str(general.architecture),
    name: str(general.name),
    contextLength: typeof arch.context_length === 'number' ? arch.context_length : null,
    chatTemplate: str(tokenizer.chat_template),
    finetune: str(general.finetune),
    type: str(general.type),
  };
}

/**
 * Instruct iff the file carries a chat template: that is the only way to know how the model was taught to take turns.
 * Without one, node-llama-cpp would guess a wrapper from the architecture (Gemma's, say) and a base model fed that way
 * copies the prompt back; so a name or finetune key that says "instruct" is reported, but does not make it one.
 */
export function modelKindOf(header: Pick<GgufHeader, 'chatTemplate' | 'finetune' | 'name'>): ModelKindInfo {
  if (header.chatTemplate?.trim()) return { kind: 'instruct', reason: 'it carries a chat template (tokenizer.chat_template)' };
  const hint = [header.finetune, header.name].find((s) => s && /instruct|chat|\bit\b|-it\b|sft|dpo/i.test(s));
  return {
    kind: 'base',
    reason: hint ? `it has no chat template (tokenizer.chat_template), although its metadata says "${hint}"` : 'it has no chat template (tokenizer.chat_template) and no instruction-tuning key',
  };
}

/** `modelKind(path)`: reads the metadata and classifies the model (see modelKindOf). */
export async function modelKind(path: string): Promise<ModelKindInfo> {
  return modelKindOf(await readGgufHeader(path));
}
