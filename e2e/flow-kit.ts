import type { Page } from 'playwright-core';
import type { Channel, Req, Res } from '../electron/ipc/contract';
import type { EventLog } from './bridge';

// What every flow file shares: the context a flow runs in and the table helpers. Apart from flows.ts so the flow files
// (flows-*.ts) and the list that assembles them do not import each other.

export interface FlowContext {
  page: Page;
  log: EventLog;
  kdbxPath: string;
  kdbxPassword: string;
  bitwardenPath: string;
  largePath: string;
  /** Expected item count per finding kind, computed from the fixture spec (never typed in here). */
  expectedCounts: Record<string, number>;
  expectedItems: number;
  reusedTitles: string[];
  /** URLs the OpenExternal port was asked to open (the e2e port records instead of launching a browser). */
  opened: string[];
  clipboard(): string;
  /** Replaces the managed policy file the bridged handlers read (they read it on every request, like the app). */
  setPolicy(text: string): void;
  /** What the next native file picker for `purpose` answers (null = the user cancelled). */
  answerDialog(purpose: string, path: string | null): void;
  dialogCalls: { kind: 'open' | 'save'; purpose: string }[];
  /** The real handlers, called directly: what the store says, beside what the page shows. */
  invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>>;
  /** Stores a question and its answer as if asked earlier (history on): a known answer for the Markdown checks. */
  keepExchange(conversationId: string, question: string, answer: string, at?: number): void;
  /** The run's scratch folder (files a flow prepares: models, knowledge documents). */
  work: string;
  axe(name: string): Promise<void>;
  /** axe (0 serious/critical) and no internal id in any rendered text. */
  check(name: string): Promise<void>;
  shot(name: string): Promise<void>;
  /** axe and screenshots at 800×600 and 1920×1080. */
  shotSizes(name: string): Promise<void>;
}

export interface Flow {
  name: string;
  run(ctx: FlowContext): Promise<void>;
}

/** The titles of the table rows in view, in order. */
export async function rowTitles(page: Page): Promise<string[]> {
  return page.locator('.hscroll [role=row] .row-open').allInnerTexts();
}

/** Opens an item's details from the table (search first so the row is in view) and waits for its reasons. */
export async function openItem(page: Page, title: string, source?: string): Promise<void> {
  await page.getByLabel('Search').fill(title);
  const rows = page.locator('.hscroll [role=row]').filter({ has: page.getByRole('button', { name: title, exact: true }) });
  const row = source ? rows.filter({ hasText: source }) : rows;
  await row.first().getByRole('button', { name: title, exact: true }).click();
  await page.getByTestId('drawer').getByRole('heading', { name: title }).waitFor();
  // Each finding says "Loading the reason…" until the details arrive: wait until none does.
  await page.getByTestId('drawer').getByText('Loading the reason…').first().waitFor({ state: 'detached' });
}
