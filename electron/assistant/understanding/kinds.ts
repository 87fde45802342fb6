// Which finding kind a message is about, from its concepts. Order matters where concepts combine: "duplicate
// passwords" is reuse, "a login listed twice" is a duplicate entry, "cracked easily" is weak.
import type { FindingKind } from '../../vault';
import type { Analysis } from './analysis';

export function findingKind(a: Analysis): FindingKind | null {
  const has = (c: Parameters<Analysis['concepts']['has']>[0]) => a.concepts.has(c);
  const secretish = has('PASSWORD') || has('PASSPHRASE');
  if (has('REUSE') && !/\brecycle bin\b/.test(a.plain)) return 'reused';
  if (has('SAME') && secretish) return 'reused';
  if (has('SHARE') && secretish && (has('LOGIN') || has('SITE') || has('SEVERAL'))) return 'reused';
  if (has('DUPLICATE') && secretish && !has('ENTRY') && !has('LOGIN')) return 'reused';
  if (has('SEVERAL') && secretish && /\b(use|used|using)\b/.test(a.plain) && /\b(same|one|single)\b/.test(a.plain)) return 'reused';
  if (has('EXPOSED')) return 'exposed';
  if (has('HACKED') && secretish) return 'exposed';
  if (has('WEAK')) return 'weak';
  if (has('CRACK') && (secretish || has('LOGIN'))) return 'weak';
  if (has('STRONG') && secretish) return 'weak';
  if (has('TWOFA')) return 'missing_2fa';
  if (has('HTTP')) return 'insecure_url';
  if (has('HTTPS') && (has('MY') || has('EVERY') || has('LOGIN') || has('SITE'))) return 'insecure_url';
  // "two entries for the same site": the same account saved twice (no password in it: that would be reuse).
  if (!secretish && (has('SAME') || /\b(two|2|several|multiple) (entries|logins|accounts|items)\b/.test(a.plain)) && (has('ENTRY') || has('LOGIN') || has('SITE')) && /\b(same|twice|two|2)\b/.test(a.plain)) return 'duplicate';
  if (has('DUPLICATE')) return 'duplicate';
  if (has('OLD')) return 'old';
  if (/\b(when|how long ago) (did|have) i (last )?(change|changed|update|updated)\b|\bhow old\b/.test(a.plain)) return 'old';
  return null;
}
