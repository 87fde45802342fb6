// Grounding: every citation names a source that exists, every number and name comes from the facts, the sources or
// the question, and each sentence of an answer shares most of its content words with the text it cites.
import { CITATION_RE, contentStems, sentences, stripCitations, words } from './text';

export interface Source {
  n: number;
  text: string;
}

/** Every number cited, with ranges expanded ([2-4] → 2, 3, 4; capped so "[1-9999]" cannot stall us). */
export function citedNumbers(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(CITATION_RE)) {
    for (const part of m[1]!.split(/\s*,\s*/)) {
      const [a, b] = part.split(/\s*[–-]\s*/).map(Number) as [number, number | undefined];
      if (b === undefined || b < a) out.push(a);
      else for (let i = a; i <= Math.min(b, a + 100); i++) out.push(i);
    }
  }
  return out;
}

export function findBadCitations(text: string, sources: readonly Source[]): string | null {
  const known = new Set(sources.map((s) => s.n));
  const bad = [...new Set(citedNumbers(text).filter((n) => !known.has(n)))];
  if (bad.length === 0) return null;
  const had = sources.length ? `there are only sources ${[...known].sort((a, b) => a - b).join(', ')}` : 'there are no sources';
  return `the draft cites ${bad.slice(0, 5).map((n) => `[${n}]`).join(' ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''} but ${had}`;
}

const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  dozen: 12, hundred: 100, thousand: 1000,
};

/**
 * Numbers stated in the text: digits (1,234 and 3.5 and 40%), and number words from two up ("one" is too often a
 * pronoun). Citation markers, list numbering and numbers glued to letters (2FA, SHA-256, 1Password) are not claims.
 */
export function statedNumbers(text: string): number[] {
  const clean = stripCitations(text).replace(/^\s*\d+[.)]\s/gm, ' ');
  const out: number[] = [];
  for (const m of clean.matchAll(/(?<![\p{L}\p{N}.,-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\p{L}\p{N}]|-\p{L})/gu)) {
    out.push(Number(`${m[1]!.replace(/,/g, '')}${m[2] ? `.${m[2]}` : ''}`));
  }
  for (const w of words(clean)) if (w in NUMBER_WORDS) out.push(NUMBER_WORDS[w]!);
  return out;
}

export function findUngroundedNumbers(text: string, allowed: readonly number[], allowedText: readonly string[]): number[] {
  const ok = new Set([...allowed, ...allowedText.flatMap(statedNumbers)]);
  return [...new Set(statedNumbers(text).filter((n) => !ok.has(n)))];
}

/** Generic words a security answer may capitalise without naming anything the facts must contain. */
const COMMON_CAPS = new Set(
  `i i'm i've i'd i'll bastion sms totp otp 2fa mfa url urls http https pin pins vpn wi-fi wifi id ids api email e-mail
  internet web pdf csv json ai usb nfc qr fido fido2 webauthn passkey passkeys vault vaults health settings knowledge
  audit palette ok note notes tip tips step steps yes no first next then also finally however if when you your this
  that these those it its there here what why how a an the and or but for to of in on at by with`.split(/\s+/),
);

/**
 * Proper names in the text: capitalised words inside a sentence, acronyms, and camel-case or digit-led names anywhere
 * (LastPass, iCloud, 1Password). A capitalised first word alone is just the start of a sentence.
 */
export function statedNames(text: string): string[] {
  const out: string[] = [];
  for (const s of sentences(stripCitations(text))) {
    const tokens = s.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu) ?? [];
    tokens.forEach((t, i) => {
      const w = t.replace(/['’]s$/, '');
      const camel = /\p{Ll}\p{Lu}/u.test(w) || /^\d+\p{Lu}\p{Ll}/u.test(w);
      const acronym = /^\p{Lu}{2,}\d*$/u.test(w);
      const capital = /^\p{Lu}/u.test(w) && i > 0;
      if ((camel || acronym || capital) && !COMMON_CAPS.has(w.toLowerCase())) out.push(w);
    });
  }
  return out;
}

export function findUngroundedNames(text: string, allowedText: readonly string[]): string[] {
  const ok = new Set(allowedText.flatMap((t) => words(t)));
  return [...new Set(statedNames(text).filter((n) => !words(n).every((w) => ok.has(w))))];
}

/** Share of the sentence's content words (stemmed) found in `support`. 1 when it has none to judge. */
export function supportScore(sentence: string, support: ReadonlySet<string>): number {
  const stems = [...new Set(contentStems(sentence))];
  if (stems.length === 0) return 1;
  return stems.filter((s) => support.has(s)).length / stems.length;
}

export interface UnsupportedClaim {
  sentence: string;
  score: number;
}

/**
 * Sentences of three or more content words whose words mostly do not occur in the sources they cite (all sources
 * when they cite none) or the question: the lexical trace of advice the sources do not give.
 */
export function findUnsupportedClaims(text: string, sources: readonly Source[], question: string, threshold = 0.5): UnsupportedClaim[] {
  const byN = new Map(sources.map((s) => [s.n, new Set(contentStems(s.text))]));
  const all = new Set(sources.flatMap((s) => contentStems(s.text)));
  const asked = contentStems(question);
  const out: UnsupportedClaim[] = [];
  for (const s of sentences(text)) {
    if (contentStems(s).length < 3) continue;
    const cited = citedNumbers(s).filter((n) => byN.has(n));
    const support = new Set(asked);
    for (const stemmed of cited.length ? cited.flatMap((n) => [...byN.get(n)!]) : all) support.add(stemmed);
    const score = supportScore(s, support);
    if (score < threshold) out.push({ sentence: s, score });
  }
  return out;
}

