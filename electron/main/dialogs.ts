import { join } from 'node:path';
import type { DialogPort, OpenPurpose, SavePurpose } from '../ipc';

// Native open and save dialogs for the renderer's "Choose…" buttons. Plain module: index.ts passes Electron's
// `dialog` and the window to attach to, so the options per purpose are tested without Electron.

type Filter = { name: string; extensions: string[] };
type OpenProperty = 'openFile' | 'openDirectory' | 'showHiddenFiles';

export interface OpenOptions {
  title: string;
  buttonLabel: string;
  properties: OpenProperty[];
  filters?: Filter[];
  defaultPath?: string;
}
export interface SaveOptions {
  title: string;
  buttonLabel: string;
  defaultPath: string;
  filters: Filter[];
}

/** The part of Electron's `dialog` used here (the parent window is passed through untouched). */
export interface NativeDialogs<W> {
  showOpenDialog(win: W, opts: OpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(win: W, opts: SaveOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

const ALL: Filter = { name: 'All files', extensions: ['*'] };

export const OPEN_OPTIONS: Record<OpenPurpose, OpenOptions> = {
  vault: {
    title: 'Choose a password vault or export',
    buttonLabel: 'Choose',
    properties: ['openFile'],
    filters: [{ name: 'Vaults and exports', extensions: ['kdbx', 'json', '1pux', 'csv'] }, ALL],
  },
  'key-file': { title: 'Choose the KeePass key file', buttonLabel: 'Choose', properties: ['openFile', 'showHiddenFiles'], filters: [{ name: 'Key files', extensions: ['keyx', 'key', 'xml'] }, ALL] },
  model: { title: 'Choose a model file', buttonLabel: 'Import', properties: ['openFile'], filters: [{ name: 'GGUF models', extensions: ['gguf'] }] },
  'knowledge-folder': { title: 'Choose a folder of documents', buttonLabel: 'Add folder', properties: ['openDirectory'] },
  'knowledge-file': { title: 'Choose a document', buttonLabel: 'Add', properties: ['openFile'], filters: [{ name: 'Documents', extensions: ['md', 'txt', 'html', 'htm', 'pdf'] }, ALL] },
};

export function saveOptions(purpose: SavePurpose, defaultName: string, dir: string): SaveOptions {
  // Only a file name is taken from the renderer: the folder is the user's, never one the page names.
  const name = defaultName.replace(/[/\\]/g, '_');
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  switch (purpose) {
    case 'report':
      return { title: 'Export the findings report', buttonLabel: 'Export', defaultPath: join(dir, name), filters: ext ? [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }] : [ALL] };
    case 'audit':
      return { title: 'Export the audit log', buttonLabel: 'Export', defaultPath: join(dir, name), filters: [{ name: 'JSON Lines', extensions: ['jsonl'] }, ALL] };
    default:
      purpose satisfies never;
      throw new Error(`unknown save purpose ${String(purpose)}`);
  }
}

export function createDialogPort<W>(native: NativeDialogs<W>, parent: () => W, opts: { documentsDir: string }): DialogPort {
  return {
    async open(purpose) {
      const r = await native.showOpenDialog(parent(), OPEN_OPTIONS[purpose]);
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!;
    },
    async save(purpose, defaultName) {
      const r = await native.showSaveDialog(parent(), saveOptions(purpose, defaultName, opts.documentsDir));
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}
