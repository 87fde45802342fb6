import kdbxweb from 'kdbxweb';

// kdbxweb ships no Argon2; plug in hash-wasm's (WASM, no native build). Idempotent. hash-wasm loads when a KDBX 4
// key is first derived, not when this is installed, so commands that never open a KDBX start without it.
let installed = false;

export function installArgon2(): void {
  if (installed) return;
  kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memory, iterations, length, parallelism, type) => {
    const { argon2d, argon2id } = await import('hash-wasm');
    const fn = type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? argon2id : argon2d;
    const out = await fn({
      password: new Uint8Array(password),
      salt: new Uint8Array(salt),
      memorySize: memory, // KiB, as kdbxweb passes it
      iterations,
      parallelism,
      hashLength: length,
      outputType: 'binary',
    });
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
  });
  installed = true;
}
