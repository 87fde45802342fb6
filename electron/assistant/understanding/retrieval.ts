// The query the knowledge search gets: the message's content words, spelling-corrected ("phising" → "phishing"),
// plus the plain name of each concept it used ("2-step" → "two-factor authentication", "pw manager" → "password
// manager") so keyword retrieval finds the article however the question was put.
import type { Analysis } from './analysis';
import type { Concept } from './lexicon';
import { isStopWord } from './vocabulary';

const EXPANSION: Partial<Record<Concept, string>> = {
  PWMANAGER: 'password manager',
  MASTERPW: 'master password',
  TWOFA: 'two-factor authentication',
  REUSE: 'password reuse',
  SHARE: 'sharing',
  EXPOSED: 'breach',
  WEAK: 'weak password',
  STRONG: 'strength',
  HTTP: 'https',
  HTTPS: 'https',
  PASSPHRASE: 'passphrase',
  WIFI: 'wi-fi network',
  SECURITYKEY: 'hardware security key',
  MALWARE: 'malware',
  HACKED: 'account takeover',
  DUPLICATE: 'duplicate entries',
  OLD: 'old password rotation',
};

const FORMS: [RegExp, string][] = [
  [/\bhow long\b.*\bpassword\b|\bpassword\b.*\blong enough\b|\bcharacters?\b.*\bpassword\b/, 'password length'],
  [/\bwhy\b.*\b(use|bother|need)\b/, 'why use'],
  [/\b(same|one) password\b/, 'password reuse'],
  [/\b(scam\w*|fake|phish\w*|suspicious|weird|dodgy)\b.*\b(emails?|mails?|messages?|texts?|sms|calls?)\b|\b(emails?|mails?|messages?)\b.*\b(scam\w*|fake|phish\w*|real)\b/, 'recognising phishing messages'],
  [/\bhow often\b.*\b(change|rotate|update|reset|replace)\b|\b(change|rotate|update|reset)\b.*\b(regularly|every (few )?(days|weeks|months|year))\b/, 'forced password expiry rotation'],
];

export function retrievalQuery(a: Analysis): string {
  const content = a.words.filter((w) => !isStopWord(w));
  const extra = [...a.concepts].map((c) => EXPANSION[c]).filter((x): x is string => Boolean(x));
  for (const [re, phrase] of FORMS) if (re.test(a.plain)) extra.push(phrase);
  const words = [...new Set([...content, ...extra])];
  return words.length ? words.join(' ') : a.plain;
}
