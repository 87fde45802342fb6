import { create } from 'zustand';
import type { AskResultT, ConversationT, HealthOverviewT, ProposalViewT, Req, Res, SettingsT } from '../../electron/ipc/contract';
import type { Route } from '../lib/commands';
import { DEFAULT_QUERY, type TableQuery } from '../lib/health-table';
import { call, messageOf, on } from '../lib/ipc';

type ProposalRequest = Req<'proposals:create'>['request'];
export type DeviceReportT = Res<'device:report'>;

// One store for the app's state. Components read slices; every engine call goes through lib/ipc.

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  streaming: boolean;
  result?: AskResultT;
  error?: string;
}

interface State {
  route: Route;
  theme: 'light' | 'dark';
  firstRun: boolean | null;
  health: HealthOverviewT | null;
  /** When `health` was read (ms): a screen that mounts right after the start-up read does not read it again. */
  healthAt: number;
  healthError: string | null;
  device: DeviceReportT | null;
  deviceError: string | null;
  table: TableQuery;
  /** The item whose details drawer is open. */
  selectedItem: string | null;
  importOpen: boolean;
  /** The sidebar below 900 px (collapsed unless opened). */
  navOpen: boolean;
  messages: ChatMessage[];
  conversationId: string | null;
  asking: boolean;
  /** Stored conversations (newest first); empty when history is not kept. */
  conversations: ConversationT[];
  /** Whether new questions are stored; null until the list was read. */
  historyKept: boolean | null;
  /** History is off and the organisation's policy decides it. */
  historyLocked: boolean;
  kbSearchOpen: boolean;
  pending: ProposalViewT[];
  confirming: ProposalViewT | null;
  paletteOpen: boolean;
  /** The last status line, announced by an aria-live region. */
  status: string;
  generated: { id: string; password: string } | null;
  settings: SettingsT | null;
  source: { title: string; doc: string; snippet: string } | null;
}

interface Actions {
  go(route: Route): void;
  setTheme(theme: 'light' | 'dark'): void;
  setFirstRun(v: boolean): void;
  setTable(q: Partial<TableQuery>): void;
  selectItem(id: string | null): void;
  setImportOpen(open: boolean): void;
  setNavOpen(open: boolean): void;
  say(status: string): void;
  refreshHealth(): Promise<void>;
  refreshDevice(): Promise<void>;
  refreshPending(): Promise<void>;
  ask(question: string): Promise<void>;
  stop(): Promise<void>;
  refreshConversations(): Promise<void>;
  /** An empty chat; its id is minted with its first question. */
  newConversation(): void;
  openConversation(id: string): Promise<void>;
  renameConversation(id: string, title: string): Promise<void>;
  deleteConversation(id: string): Promise<void>;
  setKbSearch(open: boolean): void;
  openProposal(id: string): Promise<void>;
  closeConfirm(): void;
  /** Sends a user-started action through the permission layer; resolves with its status (null on an error). */
  propose(request: ProposalRequest): Promise<{ id: string; status: string } | null>;
  setPalette(open: boolean): void;
  setGenerated(g: { id: string; password: string } | null): void;
  setSettings(s: SettingsT): void;
  openSource(s: { title: string; doc: string; snippet: string } | null): void;
}

let healthRead: Promise<void> | null = null;
let seq = 0;
const nextId = () => `m${++seq}`;
const newConversationId = () => `cv_${crypto.randomUUID()}`;

export const useApp = create<State & Actions>()((set, get) => ({
  route: 'dashboard',
  theme: typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
  firstRun: null,
  health: null,
  healthAt: 0,
  healthError: null,
  device: null,
  deviceError: null,
  table: DEFAULT_QUERY,
  selectedItem: null,
  importOpen: false,
  navOpen: false,
  messages: [],
  conversationId: null,
  asking: false,
  conversations: [],
  historyKept: null,
  historyLocked: false,
  kbSearchOpen: false,
  pending: [],
  confirming: null,
  paletteOpen: false,
  status: '',
  generated: null,
  settings: null,
  source: null,

  go: (route) => set({ route, navOpen: false, selectedItem: null }),
  setTheme: (theme) => set({ theme }),
  setFirstRun: (firstRun) => set({ firstRun }),
  setTable: (q) => set({ table: { ...get().table, ...q } }),
  selectItem: (selectedItem) => set({ selectedItem }),
  setImportOpen: (importOpen) => set({ importOpen }),
  setNavOpen: (navOpen) => set({ navOpen }),
  say: (status) => set({ status }),
  setPalette: (paletteOpen) => set({ paletteOpen }),
  setGenerated: (generated) => set({ generated }),
  setSettings: (settings) => set({ settings }),
  openSource: (source) => set({ source }),
  setKbSearch: (kbSearchOpen) => set({ kbSearchOpen }),

  refreshHealth() {
    // One read at a time: a screen mounting while the start-up read is in flight waits for that one.
    healthRead ??= (async () => {
      try {
        set({ health: await call('vault:health', {}), healthAt: Date.now(), healthError: null });
      } catch (e) {
        set({ healthError: messageOf(e) });
      } finally {
        healthRead = null;
      }
    })();
    return healthRead;
  },
  async refreshDevice() {
    try {
      set({ device: await call('device:report', {}), deviceError: null });
    } catch (e) {
      set({ deviceError: messageOf(e) });
    }
  },
  async refreshPending() {
    try {
      set({ pending: await call('proposals:list', { status: 'pending' }) });
    } catch {
      set({ pending: [] });
    }
  },
  async ask(question) {
    if (get().asking) return;
    const user: ChatMessage = { id: nextId(), role: 'user', text: question, streaming: false };
    const answer: ChatMessage = { id: nextId(), role: 'assistant', text: '', streaming: true };
    // The id is minted here, before the question is sent, so the first token of the first answer already matches it.
    const conversationId = get().conversationId ?? newConversationId();
    set({ messages: [...get().messages, user, answer], asking: true, status: 'Answering…', conversationId });
    try {
      await call('ask:start', { question, conversationId });
    } catch (e) {
      finishAnswer(answer.id, { error: messageOf(e) });
    }
  },
  async stop() {
    const id = get().conversationId;
    if (id && get().asking) await call('ask:stop', { conversationId: id }).catch(() => undefined);
  },
  async refreshConversations() {
    try {
      const r = await call('conversations:list', {});
      set({ conversations: r.kept ? r.conversations : [], historyKept: r.kept, historyLocked: r.lockedByPolicy });
    } catch (e) {
      set({ status: messageOf(e) });
    }
  },
  newConversation() {
    if (get().asking) return;
    set({ messages: [], conversationId: null, source: null, status: 'New conversation.' });
  },
  async openConversation(id) {
    if (get().asking || id === get().conversationId) return;
    try {
      const stored = await call('conversations:messages', { id });
      const messages = stored.map((m): ChatMessage => ({ id: nextId(), role: m.role, text: m.text, streaming: false }));
      set({ messages, conversationId: id, source: null, status: 'Conversation opened.' });
    } catch (e) {
      set({ status: messageOf(e) });
      void get().refreshConversations();
    }
  },
  async renameConversation(id, title) {
    try {
      await call('conversations:rename', { id, title });
      set({ status: 'Conversation renamed.' });
    } catch (e) {
      set({ status: messageOf(e) });
    }
    await get().refreshConversations();
  },
  async deleteConversation(id) {
    try {
      await call('conversations:delete', { id });
      if (get().conversationId === id) set({ messages: [], conversationId: null, source: null });
      set({ status: 'Conversation deleted.' });
    } catch (e) {
      set({ status: messageOf(e) });
    }
    await get().refreshConversations();
  },
  async openProposal(id) {
    try {
      const all = await call('proposals:list', { status: 'all' });
      const p = all.find((x) => x.id === id);
      if (p) set({ confirming: p });
      else set({ status: 'That proposal no longer exists.' });
    } catch (e) {
      set({ status: messageOf(e) });
    }
  },
  closeConfirm: () => set({ confirming: null }),
  async propose(request) {
    try {
      const { proposal, outcome } = await call('proposals:create', { request });
      if (outcome?.generated) set({ generated: outcome.generated });
      if (proposal.status === 'pending' && proposal.requiresConfirmation) set({ confirming: proposal });
      else set({ status: `${proposal.title}: ${outcome?.message ?? proposal.status}.` });
      void get().refreshPending();
      if (request.action === 'snooze_finding' || request.action === 'mark_resolved') void get().refreshHealth();
      window.dispatchEvent(new CustomEvent('bastion:proposal-created', { detail: { id: proposal.id, action: proposal.action, status: proposal.status } }));
      return { id: proposal.id, status: proposal.status };
    } catch (e) {
      set({ status: messageOf(e) });
      return null;
    }
  },
}));

function patchMessage(id: string, patch: (m: ChatMessage) => Partial<ChatMessage>): void {
  useApp.setState((s) => ({ messages: s.messages.map((m) => (m.id === id ? { ...m, ...patch(m) } : m)) }));
}

function finishAnswer(id: string, r: { result?: AskResultT; error?: string }): void {
  patchMessage(id, (m) => ({ streaming: false, ...(r.result ? { result: r.result, text: r.result.answer || m.text } : {}), ...(r.error ? { error: r.error } : {}) }));
  useApp.setState({ asking: false, status: r.error ? `The answer failed: ${r.error}` : 'Answer ready.' });
}

function streamingAnswerId(): string | undefined {
  const ms = useApp.getState().messages;
  for (let i = ms.length - 1; i >= 0; i--) if (ms[i]!.role === 'assistant' && ms[i]!.streaming) return ms[i]!.id;
  return undefined;
}

/** Subscribes the store to engine events; returns the unsubscribe. */
export function connectEvents(): () => void {
  const mine = (c: string) => useApp.getState().conversationId === c;
  const offs = [
    on('ask:token', ({ conversationId, delta }) => {
      const id = streamingAnswerId();
      if (id && mine(conversationId)) patchMessage(id, (m) => ({ text: m.text + delta }));
    }),
    on('ask:done', ({ conversationId, result }) => {
      const id = streamingAnswerId();
      if (id && mine(conversationId)) finishAnswer(id, { result });
      if (result.proposals.length) void useApp.getState().refreshPending();
      // A kept conversation is now stored (or moved to the top of the list).
      if (useApp.getState().historyKept !== false) void useApp.getState().refreshConversations();
    }),
    on('ask:error', ({ conversationId, error }) => {
      const id = streamingAnswerId();
      if (id && mine(conversationId)) finishAnswer(id, { error: error.code === 'CANCELLED' ? 'Stopped.' : error.message });
    }),
    on('proposals:changed', () => void useApp.getState().refreshPending()),
  ];
  return () => offs.forEach((f) => f());
}
