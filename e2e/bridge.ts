import type { Page } from 'playwright-core';
import type { EventName, EventPayload } from '../electron/ipc/contract';
import type { IpcRouter } from '../electron/ipc/handle';
import { CHANNEL_LIST, EVENT_LIST } from '../electron/ipc/names';

// Bridges the real handlers into a Chromium page exactly as preload does in Electron: window.api with invoke(channel,
// req) and on(event, listener), the same channel allow-list, and the sender frame checked by the router.

export interface EventLog {
  events: { event: EventName; payload: unknown }[];
  count(event: EventName): number;
}

export function createEventBus(): { emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void; attach(page: Page): void; log: EventLog } {
  const pages = new Set<Page>();
  const events: EventLog['events'] = [];
  let chain = Promise.resolve();
  return {
    log: { events, count: (e) => events.filter((x) => x.event === e).length },
    attach: (page) => void pages.add(page),
    emit(event, payload) {
      events.push({ event, payload });
      // Delivered in order, like webContents.send; a closed page just drops them.
      for (const page of pages) {
        chain = chain.then(() => page.evaluate(([e, p]) => (window as unknown as { __bastionDeliver?: (e: string, p: unknown) => void }).__bastionDeliver?.(e, p), [event, payload] as const).then(() => undefined, () => undefined));
      }
    },
  };
}

/** The init script: what preload's contextBridge exposes, built from the same name lists. */
function preloadEquivalent(channels: readonly string[], events: readonly string[]): string {
  return `(() => {
    const CHANNELS = new Set(${JSON.stringify(channels)});
    const EVENTS = new Set(${JSON.stringify(events)});
    const invokeBinding = window.__bastionInvoke;
    const listeners = new Map();
    Object.defineProperty(window, '__bastionDeliver', { value: (event, payload) => {
      for (const l of listeners.get(event) ?? []) { try { l(payload); } catch (e) { console.error(e); } }
    } });
    const api = Object.freeze({
      invoke(channel, req) {
        if (!CHANNELS.has(channel)) return Promise.resolve({ ok: false, error: { code: 'BAD_INPUT', message: 'Unknown IPC channel refused.' } });
        // JSON text both ways: one string crosses the bridge (like Electron's structured clone, and unlike a tree of
        // Playwright-serialised objects, which cost more than the work itself for a 10,000-item answer).
        return invokeBinding(channel, JSON.stringify(req === undefined ? {} : req)).then((text) => JSON.parse(text));
      },
      on(event, listener) {
        if (!EVENTS.has(event) || typeof listener !== 'function') return () => {};
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    });
    Object.defineProperty(window, 'api', { value: api, enumerable: true });
  })();`;
}

export async function bridgePage(page: Page, router: IpcRouter): Promise<void> {
  await page.exposeBinding('__bastionInvoke', async (source, channel: unknown, reqText: unknown) => {
    let req: unknown;
    try {
      req = JSON.parse(String(reqText));
    } catch {
      req = undefined;
    }
    return JSON.stringify(await router.dispatch(channel, { frameUrl: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, req));
  });
  await page.addInitScript({ content: preloadEquivalent(CHANNEL_LIST, EVENT_LIST) });
}
