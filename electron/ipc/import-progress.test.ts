import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchUseCases, type ScratchUseCases } from '../usecases/testing';
import { disposeStrengthPool } from '../vault';
import { SEEDED_VAULT, writeFixture } from '../vault/fixtures';
import { FINDING_KINDS } from '../vocabulary';
import type { Report } from '../vault';
import { createHandlers, createRouter, parseAppOrigin, type EventName } from '.';

// The app's import progress carries the findings known before the strength estimates (issue 18: time to first
// report), validated against the contract, and they agree with the report the import stores on every kind but weak.

const ORIGIN = 'http://127.0.0.1:5198';
let s: ScratchUseCases;
const events: { event: EventName; payload: unknown }[] = [];

beforeAll(() => {
  s = scratchUseCases('import-progress');
});
afterAll(async () => {
  s.cleanup();
  await disposeStrengthPool();
});

describe('import progress in the app', () => {
  it('sends the findings so far with the scoring progress, and they agree with the stored report', async () => {
    const vault = join(s.dir, 'vault.json');
    await writeFixture('bitwarden-json', SEEDED_VAULT, vault);
    const router = createRouter(createHandlers({ ctx: s.ctx(), emit: (event, payload) => void events.push({ event, payload }), validateEvents: true }), {
      origin: parseAppOrigin(ORIGIN),
    });
    const call = async (channel: 'vault:import' | 'vault:report', req: unknown) => {
      const r = await router.dispatch(channel, { frameUrl: `${ORIGIN}/index.html`, isMainFrame: true }, req);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    await call('vault:import', { path: vault });
    const progress = events.filter((e) => e.event === 'vault:progress').map((e) => e.payload as { phase?: string; soFar?: Record<string, number> });
    const first = progress.findIndex((p) => p.soFar);
    expect(first).toBeGreaterThan(-1);
    expect(progress[first]!.phase).toBe('scoring');
    const soFar = progress[first]!.soFar!;
    const report = (await call('vault:report', {})) as Pick<Report, 'findings'>;
    for (const kind of FINDING_KINDS.filter((k) => k !== 'weak')) {
      const stored = new Set(report.findings.filter((f) => f.kind === kind).flatMap((f) => f.items.map((i) => i.id))).size;
      expect(soFar[kind] ?? 0, kind).toBe(stored);
    }
    expect(soFar.reused).toBeGreaterThan(0);
  });
});
