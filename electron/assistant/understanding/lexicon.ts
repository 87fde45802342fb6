// The tolerant lexicon: each concept with the words and phrases people use for it, typos included by edit distance
// (only for words that are not real words themselves, so "week" never becomes "weak"). Intents are decided on
// concepts, not on spellings: "pasword", "pw" and "passwrods" are all PASSWORD; "2-step", "two factor" and "MFA" are
// all TWOFA.
import { closeTo } from './distance';
import { stem, type Token } from './text';
import { isKnownWord } from './vocabulary';

export const CONCEPTS = {
  PASSWORD: ['password', 'passwords', 'passwd', 'pw', 'pws', 'pwd', 'pwds', 'passcode', 'passcodes', 'pword', 'pass word', 'pass words', 'paswd'],
  PASSPHRASE: ['passphrase', 'passphrases', 'pass phrase', 'pass phrases'],
  PWMANAGER: ['password manager', 'password managers', 'pw manager', 'password app', 'password apps', 'keepass', 'keepassxc', 'bitwarden', '1password', 'lastpass', 'dashlane', 'keeper', 'proton pass'],
  MASTERPW: ['master password', 'master pw', 'master passphrase'],
  LOGIN: ['login', 'logins', 'account', 'accounts', 'acct', 'accts', 'acc', 'accs', 'credential', 'credentials', 'creds', 'signin', 'signins', 'sign in', 'sign ins', 'log ins'],
  ENTRY: ['entry', 'entries', 'item', 'items', 'record', 'records'],
  SITE: ['site', 'sites', 'website', 'websites', 'web site', 'web sites', 'service', 'services', 'app', 'apps'],
  VAULT: ['vault', 'vaults', 'kdbx', 'database', 'password vault', 'password database'],
  MY: ['my', 'mine', 'our', 'ours'],
  I: ['i', 'im', 'ive', 'me', 'we', 'myself'],
  REUSE: ['reused', 'reuse', 'reuses', 'reusing', 're used', 're use', 're using', 'recycled', 'recycle', 'recycling', 'one password for everything', 'same password everywhere'],
  SAME: ['same', 'identical', 'one password', 'single password', 'the same one'],
  SHARE: ['share', 'shared', 'sharing', 'shares'],
  SEVERAL: ['more than one', 'several', 'multiple', 'many', 'other sites', 'different sites', 'everywhere', 'across'],
  WEAK: ['weak', 'weaker', 'weakest', 'guessable', 'crackable', 'feeble', 'flimsy', 'crappy', 'easy to guess', 'easy to crack', 'easily guessed', 'easily cracked', 'cracked easily', 'guessed easily', 'too simple', 'too short', 'short password', 'short passwords', 'simple password', 'simple passwords', 'bad password', 'bad passwords', 'poor password', 'poor passwords', 'too weak', 'suck', 'sucks', 'terrible', 'garbage', 'rubbish', 'crap', 'dodgy', 'lousy', 'pathetic'],
  CRACK: ['crack', 'cracked', 'cracking', 'guess', 'guessed', 'guessing', 'brute force', 'bruteforce', 'brute forced'],
  STRONG: ['strong', 'stronger', 'strongest', 'strength', 'strong enough', 'long enough', 'secure enough', 'any good', 'good enough'],
  EXPOSED: ['exposed', 'exposure', 'breach', 'breached', 'breaches', 'leak', 'leaked', 'leaks', 'leaking', 'pwned', 'compromised', 'stolen', 'data dump', 'breach list', 'breach lists', 'data breach', 'data breaches'],
  HACKED: ['hacked', 'hack', 'hacks', 'hacking', 'hacker', 'hackers'],
  TWOFA: ['2fa', 'mfa', '2sv', 'tfa', '2 fa', 'two fa', 'two factor auth', '2 factor auth', 'totp', 'otp', 'authenticator', 'authenticators', 'two factor', '2 factor', 'second factor', 'two step', '2 step', 'multi factor', 'multifactor', 'one time code', 'one time codes', 'one time password', 'one time passwords', 'verification code', 'verification codes', 'two factor authentication', '2 factor authentication', 'two step verification', '2 step verification', 'multi factor authentication', 'authenticator app', 'authenticator apps', 'authenticator code', 'authenticator codes', '2fa code', '2fa codes', 'login approval', 'login approvals'],
  HTTP: ['http', 'insecure', 'unencrypted', 'unsecure', 'unsecured', 'non https', 'not https', 'no https', 'without https', 'instead of https', 'plain http', 'no padlock', 'insecure login', 'insecure login pages', 'arent https', 'isnt https', 'not on https', 'not using https', 'dont use https', 'doesnt use https', 'without ssl', 'not secure http'],
  HTTPS: ['https', 'ssl', 'tls', 'padlock'],
  DUPLICATE: ['duplicate', 'duplicates', 'duplicated', 'dupe', 'dupes', 'dup', 'dups', 'twice', 'doubled', 'copies', 'listed twice', 'saved twice', 'more than once', 'double entries', 'double entry'],
  OLD: ['old', 'older', 'oldest', 'stale', 'outdated', 'ancient', 'aged', 'ages', 'forever', 'long time', 'years', 'unchanged', 'not changed', 'never changed', 'havent changed', 'not updated', 'havent updated', 'never updated', 'last changed', 'last change', 'older than', 'expired', 'overdue'],
  COUNT: ['how many', 'count', 'number of', 'total', 'how much', 'total number'],
  FIRST: ['first', 'priority', 'priorities', 'prioritise', 'prioritize', 'prioritised', 'prioritized', 'urgent', 'most important', 'biggest', 'worst', 'begin', 'start', 'tackle', 'most pressing', 'most dangerous', 'most critical', 'top priority', 'next'],
  OVERVIEW: ['score', 'health', 'healthy', 'overall', 'summary', 'summarise', 'summarize', 'overview', 'in general', 'situation', 'how am i doing', 'hygiene', 'state of', 'status of', 'condition of', 'shape'],
  FIX: ['fix', 'fixing', 'resolve', 'solve', 'sort out', 'deal with', 'address'],
  CHANGE: ['change', 'changed', 'changing', 'reset', 'update', 'updated', 'rotate', 'rotated', 'rotating', 'replace', 'renew', 'refresh', 'regenerate', 'new password for'],
  OPEN: ['open', 'go to', 'take me to', 'visit', 'launch', 'bring up', 'pull up', 'navigate to', 'link to', 'link me to'],
  PAGE: ['page', 'pages', 'link', 'settings', 'settings page', 'url', 'form', 'screen'],
  GENERATE: ['generate', 'create', 'make', 'make me', 'come up with', 'suggest', 'give me', 'gimme', 'new', 'random', 'fresh'],
  DELETE: ['delete', 'remove', 'trash', 'erase', 'discard', 'nuke', 'wipe', 'get rid of', 'throw away', 'throw out', 'clean up', 'bin', 'recycle bin', 'binned', 'purge'],
  EXPORT: ['export', 'download', 'save', 'write out'],
  REPORT: ['report', 'findings', 'results', 'finding report', 'findings report', 'finding', 'warnings', 'warning', 'alerts', 'alert', 'issues', 'issue', 'problems', 'problem'],
  SNOOZE: ['snooze', 'snoozed', 'remind me later', 'remind me', 'mute', 'silence', 'hide', 'postpone', 'ignore', 'not now', 'later', 'dismiss'],
  MARK: ['mark', 'flag', 'set as', 'tick off', 'check off', 'consider'],
  RESOLVED: ['resolved', 'fixed', 'done', 'handled', 'sorted', 'dealt with', 'taken care of', 'complete', 'completed', 'closed', 'ok now', 'solved'],
  COPY: ['copy', 'paste', 'clipboard'],
  SHOW: ['show', 'tell', 'give', 'read', 'reveal', 'display', 'print', 'send', 'remind', 'spell', 'retrieve', 'recover', 'see', 'view', 'output', 'give me', 'tell me', 'show me', 'read out', 'what is', 'whats', 'what are', 'what was', 'what s', 'forgot', 'forgotten', 'find'],
  SECRET: ['pin', 'pin code', 'card number', 'credit card number', 'card numbers', 'cvv', 'cvc', 'security code', 'totp secret', '2fa secret', 'secret key', 'seed', 'totp seed', 'recovery codes', 'backup codes', 'recovery code', 'backup code', 'network key', 'wifi key', 'secret', 'secrets', 'plain text', 'plaintext'],
  CODE: ['code', 'codes'],
  SECURITYKEY: ['yubikey', 'yubikeys', 'security key', 'security keys', 'hardware key', 'hardware keys', 'fido key', 'fido2 key', 'u2f', 'u2f key', 'titan key'],
  MALWARE: ['antivirus', 'anti virus', 'malware', 'virus', 'viruses', 'trojan', 'trojans', 'spyware', 'infostealer', 'infostealers', 'keylogger', 'keyloggers'],
  WIFI: ['wifi', 'wi fi', 'wlan', 'hotspot', 'wireless', 'router'],
  EVERY: ['all', 'every', 'each', 'everything', 'all of them', 'all of those', 'every single'],
} as const satisfies Record<string, readonly string[]>;

export type Concept = keyof typeof CONCEPTS;

export interface Unit {
  /** Concepts this stretch of text stands for (several for words like "give me"). */
  concepts: Concept[];
  /** The corrected words of the stretch. */
  words: string[];
  start: number;
  end: number;
}

interface Phrase {
  words: string[];
  concept: Concept;
}

let phrasesByFirst: Map<string, Phrase[]> | undefined;
let allPhrases: Phrase[] = [];
const lexiconWords = new Set<string>();

function phrases(): Map<string, Phrase[]> {
  if (phrasesByFirst) return phrasesByFirst;
  const m = new Map<string, Phrase[]>();
  for (const [concept, forms] of Object.entries(CONCEPTS) as [Concept, readonly string[]][]) {
    for (const f of forms) {
      const p = { words: f.split(' '), concept };
      allPhrases.push(p);
      for (const w of p.words) lexiconWords.add(w);
      m.set(p.words[0]!, [...(m.get(p.words[0]!) ?? []), p]);
    }
  }
  for (const list of m.values()) list.sort((a, b) => b.words.length - a.words.length);
  allPhrases = allPhrases.sort((a, b) => b.words.length - a.words.length);
  phrasesByFirst = m;
  return m;
}

/** Lexicon words are real words too (never "corrected" into something else). */
export function isLexiconWord(word: string): boolean {
  phrases();
  return lexiconWords.has(word);
}

function wordMatches(typed: string, word: string): boolean {
  if (typed === word) return true;
  if (stem(typed) === stem(word) && typed.length > 3) return true;
  return !isKnownWord(typed) && !isLexiconWord(typed) && word.length >= 4 && closeTo(typed, word);
}

/** The longest lexicon phrases starting at token i, each as one concept (several when forms coincide). */
export function matchAt(tokens: Token[], i: number): { concepts: Concept[]; length: number; words: string[] } | null {
  const first = tokens[i]!.norm;
  const exact = phrases().get(first) ?? [];
  const candidates = isKnownWord(first) || isLexiconWord(first) ? exact : [...exact, ...allPhrases.filter((p) => p.words[0] !== first && wordMatches(first, p.words[0]!))];
  let best: { concepts: Concept[]; length: number; words: string[] } | null = null;
  for (const p of candidates) {
    if (i + p.words.length > tokens.length) continue;
    if (!p.words.every((w, k) => wordMatches(tokens[i + k]!.norm, w))) continue;
    if (!best || p.words.length > best.length) best = { concepts: [p.concept], length: p.words.length, words: p.words };
    else if (p.words.length === best.length && !best.concepts.includes(p.concept)) best.concepts.push(p.concept);
  }
  return best;
}
