// Safety caps for hostile input. Checked before the expensive step they protect (stat before read, header before KDF,
// central directory before inflate) and, where a file could lie about itself, enforced again while doing the work.

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const LIMITS = {
  /** Largest vault export read at all (checked with fstat on the opened file, before reading). */
  maxFileBytes: 256 * MiB,
  /** KeePass key files are 32–200 bytes (raw, hex or XML); anything near this is not a key file. */
  maxKeyFileBytes: 1 * MiB,
  /** The HIBP "Pwned Passwords" SHA-1 file is ~40 GB today; streamed, so the cap only stops devices and absurd sizes. */
  maxBreachFileBytes: 256 * GiB,
  /** JSON exports nest ~8 levels (1PUX) or fewer; deeper is hostile or not an export. */
  maxJsonDepth: 64,
  /** KeePass field references: KeePass stops compiling at recursion depth 12. */
  maxRefDepth: 12,
  /** KDBX 4 Argon2: memory (bytes), passes and lanes read from the outer header. */
  maxArgon2MemoryBytes: 1 * GiB,
  maxArgon2Iterations: 1000,
  /** memory × iterations: 1 GiB × 32 passes, or 64 MiB × 512 — well beyond any real KeePass/KeePassXC preset. */
  maxArgon2WorkBytes: 32 * GiB,
  maxArgon2Parallelism: 64,
  /** AES-KDF transform rounds (KDBX 3.1 TransformRounds, or KDBX 4 AES-KDF `R`). */
  maxAesRounds: 100_000_000,
  /** 1PUX (zip): total declared uncompressed size, entry count, and compression ratio. */
  maxZipUncompressedBytes: 200 * MiB,
  maxZipEntries: 10_000,
  maxZipRatio: 100,
  /** Ratios are only meaningful for sizeable payloads: small JSON legitimately compresses very well. */
  zipRatioFloorBytes: 1 * MiB,
} as const;
