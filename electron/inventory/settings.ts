import type { SettingKey } from '../managed';
import type { SettingDoc } from './types';

// Every setting key (electron/managed/user-settings.ts), typed by the key list itself: a new key that is not
// described here does not compile.

export const SETTINGS: Record<SettingKey, SettingDoc> = {
  'models.allowDownloads': { holds: 'Whether you allow model downloads at all (the policy can only forbid them).' },
  'actions.allow': { holds: 'Actions you let run without a confirmation (within the permission floors).' },
  'actions.deny': { holds: 'Actions you never want carried out.' },
  'actions.tiers': { holds: 'Per risk tier: allow, confirm or deny.' },
  'actions.maxBatch': { holds: 'The most items one proposal may touch.' },
  'actions.allowRemember': { holds: 'Whether the confirm dialog may offer "allow for this session" or "always".' },
  'actions.allowNonInteractive': { holds: 'Whether `bastion confirm ID --yes` may confirm without a prompt.' },
  'history.enabled': { holds: 'Whether new chat conversations are kept (`bastion history on|off`).' },
  'history.retentionDays': { holds: 'How many days chat history is kept (null: until cleared).' },
  'knowledge.folders': { holds: 'Folders of your documents kept in sync with the knowledge base (paths only).', never: ['document contents'] },
  'hotkey.enabled': { holds: 'Whether the global quick-ask shortcut is registered.' },
  'hotkey.accelerator': { holds: 'The quick-ask key combination.' },
  'updates.enabled': { holds: 'Whether you allow update checks (only a managed policy can turn them on).' },
  'knowledge.embedModel': { holds: 'The embedding model (a GGUF path) used for search by meaning.', never: ['the model itself'] },
  'clipboard.clearSeconds': { holds: 'Seconds before a copied password is cleared from the clipboard.' },
  'ui.theme': { holds: 'The app theme: system, light or dark.' },
};

export const SETTING_RETENTION = 'Until reset or wiped; the managed policy is applied over it when read (it can only tighten).';
export const SETTING_REMOVE = '`bastion settings reset KEY` (or the Settings screen), or `bastion wipe`';
export const SETTING_NEVER = ['secrets: settings hold switches, numbers, paths and names only'];
