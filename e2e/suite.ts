import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, _electron, type Browser, type Page } from 'playwright-core';
import { appendExchange } from '../electron/assistant';
import { loadInstallKeys, openStore } from '../electron/db';
import { fixtureMachine } from '../electron/device/testing';
import { CHANNEL_LIST, createHandlers, createRouter, parseAppOrigin, type Channel, type DialogPort, type Req, type Res } from '../electron/ipc';
import { createContext } from '../electron/usecases';
import { generateLargeVault, SEEDED_EXPECTATIONS, SEEDED_VAULT, writeFixture } from '../electron/vault/fixtures';
import { assertNoInternalText } from './checks';
import { bridgePage, createEventBus } from './bridge';
import { FLOWS, type Flow, type FlowContext } from './flows';
import { LARGE_FLOWS, LARGE_ITEMS } from './flows-large';
import { serveRenderer } from './server';

const ROOT = resolve(import.meta.dirname, '..');
const RENDERER = join(ROOT, 'out/renderer');
const SHOTS = join(ROOT, 'docs/screenshots');
const TINY_MODEL = join(ROOT, '.cache/models/tiny.gguf');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Outcome = { name: string; status: 'passed' | 'failed' | 'skipped'; note?: string };

export async function main(argv: string[]): Promise<number> {
  const outcomes: Outcome[] = [];
  if (!argv.includes('--no-build')) {
    // The app's own build (main, preload, renderer): the flows and the boot check test exactly what `npm start` runs.
    pinElectronMajor();
    const { build } = await import('electron-vite');
    await build({ configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'error' });
  }
  const work = mkdtempSync(join(tmpdir(), 'bastion-e2e-'));
  try {
    await runChromium(work, outcomes, !argv.includes('--no-model'));
    if (!argv.includes('--no-large')) await runChromium(join(work, 'large'), outcomes, false, 'large');
    runMainBoot(work, outcomes, !argv.includes('--no-model'));
    await runElectron(outcomes);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const o of outcomes) console.log(`${o.status === 'passed' ? 'ok  ' : o.status === 'failed' ? 'FAIL' : 'skip'} ${o.name}${o.note ? `\n     ${o.note}` : ''}`);
  const n = (s: Outcome['status']) => outcomes.filter((o) => o.status === s).length;
  console.log(`\n${n('passed')} passed, ${n('failed')} failed, ${n('skipped')} skipped`);
  return n('failed') > 0 ? 1 : 0;
}

/** Everything a flow needs that does not depend on the browser: a data dir, the fixture, the real handlers. */
export async function setupEngine(work: string, useModel = false, vault: 'seeded' | 'large' = 'seeded') {
  mkdirSync(work, { recursive: true });
  const dataDir = join(work, 'data');
  const kdbxPath = join(work, 'seeded.kdbx');
  const kdbxPassword = 'e2e-master-password';
  const bitwardenPath = join(work, 'seeded.json');
  const largePath = join(work, 'large.json');
  if (vault === 'seeded') {
    await writeFixture('kdbx', SEEDED_VAULT, kdbxPath, { password: kdbxPassword, kdbxVersion: 4, kdf: 'aes' });
    await writeFixture('bitwarden-json', SEEDED_VAULT, bitwardenPath);
  } else {
    await writeFixture('bitwarden-json', generateLargeVault(LARGE_ITEMS, 7), largePath);
  }
  // The device checks read a fixture machine (one seeded problem per check), never this CI machine: stable screens.
  const machine = await fixtureMachine(false);
  // Native file pickers answer from the test: each purpose returns the path a flow prepared (null = Cancel).
  const answers = new Map<string, string | null>();
  const dialogCalls: { kind: 'open' | 'save'; purpose: string }[] = [];
  const dialogs: DialogPort = {
    open: async (purpose) => (dialogCalls.push({ kind: 'open', purpose }), answers.get(purpose) ?? null),
    save: async (purpose, defaultName) => (dialogCalls.push({ kind: 'save', purpose }), answers.has(purpose) ? answers.get(purpose)! : join(work, defaultName)),
  };
  // An explicit, empty managed policy: the machine's /etc/bastion/policy.json never leaks into the run.
  writeFileSync(join(work, 'policy.json'), '{}\n');
  const store = openStore({ dataDir });
  const keys = loadInstallKeys(dataDir);
  const bus = createEventBus();
  const opened: string[] = [];
  const clip = { value: '' };
  // The generated tiny GGUF answers (unless --no-model). One llama thread: on 2 cores, llama.cpp threads fighting
  // Chromium for the CPU made a 2 s answer take minutes.
  const hasModel = useModel && existsSync(TINY_MODEL) && statSync(TINY_MODEL).size > 0;
  if (useModel && !hasModel) console.warn('e2e: no .cache/models/tiny.gguf (run `bash scripts/make-tiny-model.sh`); the assistant answers from its templates.');
  process.env.BASTION_LLM_THREADS ??= '1';
  const ctx = createContext({
    dataDir,
    store,
    keys,
    // The desktop's ports, recorded instead of touching the machine: never launch a browser or the clipboard in CI.
    ports: { openExternal: async (u) => void opened.push(u), clipboard: { read: async () => clip.value, write: async (t) => void (clip.value = t) } },
    env: { ...process.env, BASTION_MODEL: hasModel ? TINY_MODEL : '', BASTION_CLIPBOARD_CLEAR_MS: '60000', BASTION_POLICY: join(work, 'policy.json') },
  });
  const handlers = createHandlers({ ctx, emit: bus.emit, validateEvents: true, dialogs, deviceHost: machine.host });
  const counts: Record<string, number> = {};
  for (const kinds of Object.values(SEEDED_EXPECTATIONS.kinds)) for (const k of kinds) counts[k] = (counts[k] ?? 0) + 1;
  const titleOf = (id: string) => SEEDED_VAULT.find((i) => i.id === id)!.title;
  const invoke = async <C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> => (await handlers[channel](req as never)) as Res<C>;
  return {
    store,
    handlers,
    bus,
    opened,
    clip,
    hasModel,
    policyPath: join(work, 'policy.json'),
    kdbxPath,
    kdbxPassword,
    bitwardenPath,
    largePath,
    counts,
    reusedTitles: SEEDED_EXPECTATIONS.groups.reused.map(titleOf),
    answers,
    dialogCalls,
    invoke,
    work,
    cleanup: () => machine.cleanup(),
  };
}

/**
 * electron-vite reads Electron's major version from node_modules/electron/package.json; a plain `npm install` where
 * Electron's download fails drops that optional package. The major is in our package.json, so the build needs no
 * Electron at all (the renderer runs in Chromium, main boots under Node with e2e/fake-electron.cjs).
 */
export function pinElectronMajor(): void {
  if (process.env.ELECTRON_MAJOR_VER) return;
  try {
    createRequire(import.meta.url).resolve('electron/package.json');
  } catch {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };
    const major = /\d+/.exec(pkg.optionalDependencies?.electron ?? '')?.[0];
    if (major) process.env.ELECTRON_MAJOR_VER = major;
  }
}

async function runChromium(work: string, outcomes: Outcome[], useModel: boolean, vault: 'seeded' | 'large' = 'seeded'): Promise<void> {
  if (!existsSync('/usr/bin/chromium')) {
    outcomes.push({ name: 'chromium', status: 'failed', note: 'Debian Chromium is not installed at /usr/bin/chromium (apt-get install chromium).' });
    return;
  }
  const env = await setupEngine(work, useModel, vault);
  const server = await serveRenderer(RENDERER);
  const router = createRouter(env.handlers, { origin: parseAppOrigin(server.origin), log: (ch, e) => console.error(`[ipc ${ch}]`, e) });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1200, height: 780 }, reducedMotion: 'reduce', colorScheme: 'light' });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && /Content.Security.Policy/i.test(m.text()) && cspViolations.push(m.text()));
    page.on('pageerror', (e) => console.error('[page error]', e.stack ?? e.message));
    // Anything the page requests outside the app origin is a zero-egress failure.
    const foreign: string[] = [];
    page.on('request', (r) => !r.url().startsWith(server.origin) && !r.url().startsWith('data:') && foreign.push(r.url()));
    env.bus.attach(page);
    await bridgePage(page, router);
    await page.goto(`${server.origin}/index.html`);
    const label = vault === 'large' ? `chromium, ${LARGE_ITEMS.toLocaleString('en-US')} items` : `chromium${env.hasModel ? ' (tiny model)' : ''}`;
    await runFlows(label, page, env, outcomes, vault === 'large' ? LARGE_FLOWS : FLOWS);
    outcomes.push(foreign.length ? { name: `${label}: no request left the app origin`, status: 'failed', note: foreign.join(', ') } : { name: `${label}: no request left the app origin`, status: 'passed' });
    outcomes.push(cspViolations.length ? { name: `${label}: no CSP violations`, status: 'failed', note: cspViolations.slice(0, 3).join(' | ') } : { name: `${label}: no CSP violations`, status: 'passed' });
  } finally {
    await browser?.close();
    await server.close();
    env.store.close();
    env.cleanup();
  }
}

/**
 * The built main process booted under Node with a recording `electron` stand-in (e2e/main-boot.cjs): the nearest
 * thing to `npm start` without an Electron binary. Each of its checks becomes an outcome.
 */
function runMainBoot(work: string, outcomes: Outcome[], useModel: boolean): void {
  const dir = join(work, 'boot');
  mkdirSync(dir);
  const model = useModel && existsSync(TINY_MODEL) ? TINY_MODEL : '';
  const r = spawnSync(process.execPath, [join(ROOT, 'e2e/main-boot.cjs'), join(ROOT, 'out'), dir, JSON.stringify(CHANNEL_LIST)], {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, BASTION_MODEL: model, BASTION_LLM_THREADS: process.env.BASTION_LLM_THREADS ?? '1' },
  });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  let report: { checks: { name: string; ok: boolean; detail?: string }[]; error?: string };
  try {
    report = JSON.parse(line) as typeof report;
  } catch {
    outcomes.push({ name: 'main process boots', status: 'failed', note: `no report (exit ${r.status}): ${(r.stderr || r.stdout).slice(-800)}` });
    return;
  }
  for (const c of report.checks) outcomes.push({ name: `main: ${c.name}`, status: c.ok ? 'passed' : 'failed', ...(c.detail ? { note: c.detail } : {}) });
  if (report.error) outcomes.push({ name: 'main process boots', status: 'failed', note: report.error.slice(0, 800) });
}

async function runFlows(label: string, page: Page, env: Awaited<ReturnType<typeof setupEngine>>, outcomes: Outcome[], flows: Flow[]): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const shots = label.startsWith('chromium');
  const axe = async (name: string) => {
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length) throw new Error(`axe on ${name}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join('; ')}`).join(' | ')}`);
  };
  const ctx: FlowContext = {
    page,
    log: env.bus.log,
    kdbxPath: env.kdbxPath,
    kdbxPassword: env.kdbxPassword,
    bitwardenPath: env.bitwardenPath,
    largePath: env.largePath,
    expectedCounts: env.counts,
    expectedItems: SEEDED_EXPECTATIONS.counts.items,
    reusedTitles: env.reusedTitles,
    opened: env.opened,
    clipboard: () => env.clip.value,
    setPolicy: (text) => writeFileSync(env.policyPath, text),
    answerDialog: (purpose, path) => void env.answers.set(purpose, path),
    dialogCalls: env.dialogCalls,
    invoke: env.invoke,
    // Its own connection: under _electron the app holds the store and the e2e side has closed its own.
    keepExchange(conversationId, question, answer, at) {
      const store = openStore({ dataDir: join(env.work, 'data') });
      try {
        appendExchange(store, conversationId, question, answer, 'chat', at);
      } finally {
        store.close();
      }
    },
    work: env.work,
    axe,
    async check(name) {
      await axe(name);
      await assertNoInternalText(page, name);
    },
    async shot(name) {
      if (shots) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    },
    async shotSizes(name) {
      const before = page.viewportSize()!;
      for (const [w, h] of [
        [800, 600],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await axe(`${name} at ${w}x${h}`);
        if (shots) await page.screenshot({ path: join(SHOTS, `${name}-${w}x${h}.png`) });
      }
      await page.setViewportSize(before);
    },
  };
  let broken: string | null = null;
  for (const flow of flows) {
    const name = `${label}: ${flow.name}`;
    if (broken) {
      outcomes.push({ name, status: 'failed', note: `not run: an earlier flow failed (${broken})` });
      continue;
    }
    try {
      await flow.run(ctx);
      outcomes.push({ name, status: 'passed' });
    } catch (e) {
      outcomes.push({ name, status: 'failed', note: (e as Error).message.split('\n').slice(0, 6).join('\n     ') });
      broken = flow.name;
    }
  }
}

/** The same flows through Playwright's _electron launcher, when this machine has an Electron binary. */
async function runElectron(outcomes: Outcome[]): Promise<void> {
  let electronPath: string | null = null;
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    electronPath = typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    electronPath = null;
  }
  const built = existsSync(join(ROOT, 'out/main/index.cjs'));
  if (!electronPath || !built) {
    outcomes.push({
      name: 'electron: the same flows through _electron',
      status: 'skipped',
      note: !electronPath ? 'no Electron binary on this machine (electron is an optionalDependency; CI sets ELECTRON_SKIP_BINARY_DOWNLOAD=1)' : 'the app is not built (run `npm run build` first)',
    });
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'bastion-e2e-electron-'));
  const env = await setupEngine(work);
  env.store.close();
  const app = await _electron.launch({ executablePath: electronPath, args: [ROOT], env: { ...process.env, BASTION_DATA_DIR: join(work, 'data') } });
  try {
    const page = await app.firstWindow();
    // Events come from the app's own main process here; the bus only records what the e2e side emits.
    await runFlows('electron', page, env, outcomes, FLOWS);
  } finally {
    await app.close();
    env.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
}
