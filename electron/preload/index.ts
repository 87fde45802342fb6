// Preload: exposes exactly the contract's channels and events as window.api, nothing else (no ipcRenderer, no
// Node). Bundled without zod; names.ts is the contract's list of names and is checked against it in tests.
// @ts-ignore -- electron is an optionalDependency (no binary on CI machines); with it installed its types apply here.
import { contextBridge, ipcRenderer } from 'electron';
import { isChannelName, isEventListName } from '../ipc/names';

const api = {
  invoke(channel: string, req: unknown): Promise<unknown> {
    if (!isChannelName(channel)) return Promise.resolve({ ok: false, error: { code: 'BAD_INPUT', message: 'Unknown IPC channel refused.' } });
    return ipcRenderer.invoke(channel, req);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventListName(event) || typeof listener !== 'function') return () => {};
    // The IpcRendererEvent (with its sender) never reaches the page: only the payload does.
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => void ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));
