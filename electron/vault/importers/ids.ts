import { createHash } from 'node:crypto';

/** A stable id from an entry's identity fields, for formats without ids (CSV). Never hashes the password. */
export function identityHash(prefix: string, parts: (string | null)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${(p ?? '').length}:${p ?? ''}|`);
  return `${prefix}:${h.digest('base64url').slice(0, 22)}`;
}

/** Makes ids unique in input order: the second "x" becomes "x#2", and so on (stable for an unchanged file). */
export function uniquify(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}#${n}`;
  });
}
