// Word-level text helpers shared by the checks: lower-cased words, a light stem, content words, sentences, n-grams.

/** Function words and the generic verbs of advice: they carry no claim, so they neither support nor refute one. */
const STOPWORDS = new Set(
  `a an the and or but if then than so as of to in on at by for from with without into onto over under about after
  before between through during this that these those it its it's is are was were be been being am do does did done
  have has had having i me my mine we us our ours you your yours he him his she her they them their theirs there here
  what which who whom whose when where why how all any both each few more most other some such no nor not only own
  same too very can could will would shall should may might must just also always never ever often usually sometimes
  now still already yet again once even ever very really quite rather make makes made use uses used using keep keeps
  kept help helps need needs want wants sure get gets got let lets one ones thing things way ways like well good best
  better important importantly first second finally however therefore because while since until up down out off
  whether either neither per via etc e.g i.e yes okay ok please thank thanks sorry hello hi`.split(/\s+/),
);

export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).map((w) => w.replace(/['’]s$/, '').replace(/['’-]+$/, ''));
}

/** A light suffix strip so "stored", "stores", "storing" and "store" meet ("storage" stays apart: it is a place). */
export function stem(word: string): string {
  let w = word;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.replace(/e$/, '');
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

export function contentStems(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w) && !/^\d+$/.test(w) && w.length > 1)
    .map(stem);
}

/** Sentences and list lines: split at . ! ? followed by space, and at line breaks. */
export function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[\p{Lu}\p{N}["'(])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function ngrams(ws: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= ws.length; i++) out.push(ws.slice(i, i + n).join(' '));
  return out;
}

/** Citation markers like [1], [2, 3] or [1-2], removed so they do not count as words or numbers. */
export const CITATION_RE = /\[(\d+(?:\s*[,–-]\s*\d+)*)\]/g;

export function stripCitations(text: string): string {
  return text.replace(CITATION_RE, ' ');
}
