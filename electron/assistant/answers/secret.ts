// The answer to "what's my Spotify password?": firm (Bastion has no passwords to show) and useful (where the
// password is: the password manager the vault was imported from).
import { basename } from 'node:path';
import type { Store } from '../../db';
import { getItemRef, listSources } from '../../vault';
import { cleanTitle } from '../facts';
import { NO_SECRETS } from './fixed';

const MANAGER: Record<string, string> = {
  kdbx: 'KeePass or KeePassXC',
  'bitwarden-json': 'Bitwarden',
  '1pux': '1Password',
  '1password-csv': '1Password',
  'chrome-csv': "Chrome's password manager",
  'firefox-csv': "Firefox's password manager",
};

export function secretAnswer(store: Store, itemIds: string[], exportAsked: boolean): string {
  const refs = itemIds.map((id) => getItemRef(store, id)).filter((r) => r !== null);
  const lines = [NO_SECRETS];
  if (refs.length) {
    const r = refs[0]!;
    lines.push(`To see the ${cleanTitle(r.title)} ${r.kind === 'card' ? 'card details' : r.kind === 'note' ? 'note' : 'password'}, open that entry in ${MANAGER[r.format] ?? 'your password manager'} (file ${basename(r.sourcePath)}).`);
  } else {
    const sources = listSources(store);
    const where = sources.map((s) => `${MANAGER[s.format] ?? 'your password manager'} (file ${basename(s.path)})`);
    lines.push(where.length ? `To see a password, open your password manager: ${[...new Set(where)].join(', ')}.` : 'To see a password, open your password manager.');
  }
  if (exportAsked) lines.push("Bastion's report export holds findings only, never passwords; to move passwords, use your password manager's own export and keep that file safe.");
  return lines.join('\n\n');
}
