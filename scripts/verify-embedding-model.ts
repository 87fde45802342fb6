// Checks that a converted embedding GGUF really embeds: similar sentences must score higher than unrelated ones.
import { loadEmbedder } from '../native/embedding';

const path = process.argv[2];
if (!path) throw new Error('usage: verify-embedding-model.ts MODEL.gguf');
const e = await loadEmbedder(path);
const [a, b, c] = await e.embed([
  'How do I turn on two-factor authentication for my email account?',
  'Enabling 2FA on a mail account, step by step.',
  'The recipe needs two cups of flour and a pinch of salt.',
]);
const cos = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
const sim = cos(a!, b!);
const unrelated = cos(a!, c!);
console.log(`dimensions ${e.dimensions}; cosine(similar) ${sim.toFixed(3)}; cosine(unrelated) ${unrelated.toFixed(3)}`);
await e.dispose();
if (!(sim > unrelated + 0.2)) {
  console.error('embedding check failed: similar sentences are not closer than unrelated ones');
  process.exit(1);
}
