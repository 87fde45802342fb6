// Test helper: a minimal GGUF v3 header (metadata only, no weights) — enough for the header and kind checks, not for
// loading.
export function minimalGguf(opts: { architecture?: string; tensorCount?: number; chatTemplate?: string; finetune?: string; name?: string } = {}): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    parts.push(b);
  };
  const u64 = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    parts.push(b);
  };
  const str = (s: string) => {
    u64(Buffer.byteLength(s));
    parts.push(Buffer.from(s));
  };
  const kvs: [string, string][] = [['general.name', opts.name ?? 'test']];
  if (opts.architecture !== undefined) kvs.unshift(['general.architecture', opts.architecture]);
  if (opts.finetune !== undefined) kvs.push(['general.finetune', opts.finetune]);
  if (opts.chatTemplate !== undefined) kvs.push(['tokenizer.chat_template', opts.chatTemplate]);
  parts.push(Buffer.from('GGUF'));
  u32(3);
  u64(opts.tensorCount ?? 1);
  u64(kvs.length);
  for (const [k, v] of kvs) {
    str(k);
    u32(8); // GGUF_TYPE_STRING
    str(v);
  }
  return Buffer.concat(parts);
}
