// Builds zxcvbn's dictionaries into dist/zxcvbn-index.bin (a trie in typed arrays, keyed by the zxcvbn-ts package
// versions) so the strength workers load them with one read instead of building them each time (~0.5 s per worker).
// Run by `npm install` (prepare) and `npm run build:cli`; without the file (or with one from other versions) Bastion
// builds the same index in memory once per process.
import { writeZxcvbnIndex } from '../electron/vault/analysis/zxcvbn-index-file';

const t0 = performance.now();
const { file, bytes, key } = writeZxcvbnIndex();
console.log(`zxcvbn index built: ${file} (${(bytes / 2 ** 20).toFixed(1)} MiB, ${key}, ${Math.round(performance.now() - t0)} ms)`);
