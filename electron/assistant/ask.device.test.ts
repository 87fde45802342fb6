import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../native';
import { openStore, type Store } from '../db';
import { runDeviceChecks, type DeviceReport } from '../device';
import { FIXTURE_DATA_DIR, fixtureMachine } from '../device/testing';
import { AskResult as AskResultSchema } from '../ipc/contract';
import { ask, type AskDeps } from './ask';
import { loadTurns } from './history';

// "Is my laptop secure?" (issue 16): answered from the device-health report, each check cited as a source; a model
// may only add an intro, gated like a vault intro.

let dir: string;
let store: Store;
let seeded: DeviceReport;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-ask-device-'));
  store = openStore({ dataDir: dir });
  const f = await fixtureMachine(false, 'Cnry-Device-Ask-1');
  seeded = await runDeviceChecks(f.host, { dataDir: FIXTURE_DATA_DIR });
  f.cleanup();
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const noModel: Partial<AskDeps> = { resolveModel: () => null, deviceHealth: async () => seeded };

describe('device questions', () => {
  it('one check: its status, the reason and the fix in the check\'s own words, cited once', async () => {
    const r = await ask(store, 'do i have unencrypted ssh keys?', { noLlm: true, deps: noModel, conversationId: 'cv_dev1' });
    const ssh = seeded.checks.find((c) => c.id === 'ssh_keys')!;
    expect(r).toMatchObject({ route: 'device', intent: 'device', findings: [], proposals: [] });
    expect(r.answer).toContain(ssh.reason);
    expect(r.answer).toContain(ssh.fix);
    expect(r.answer).toMatch(/fails \(high\)\. \[1\]/);
    expect(r.citations).toEqual([{ doc: 'device:ssh_keys', title: ssh.title, snippet: expect.stringContaining(ssh.reason) }]);
    expect(r.answer).not.toContain('Cnry-Device-Ask-1');
    // Stored with its route (migration 0011), and the IPC contract carries it.
    expect(loadTurns(store, 'cv_dev1').map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(AskResultSchema.parse({ ...r, fallback: null }).route).toBe('device');
  });

  it('the whole report: failing checks first by severity, each cited, then what could not be told and what passes', async () => {
    const r = await ask(store, 'is my laptop secure?', { noLlm: true, deps: noModel, conversationId: 'cv_dev2' });
    const fails = seeded.checks.filter((c) => c.status === 'fail');
    expect(r.answer).toMatch(new RegExp(`^Device health: ${seeded.score}/100\\. ${fails.length} of ${seeded.checks.length} checks fail`));
    for (const c of fails) expect(r.answer).toContain(c.reason);
    expect(r.citations.map((c) => c.doc)).toEqual(expect.arrayContaining(fails.map((c) => `device:${c.id}`)));
    r.citations.forEach((c, i) => expect(r.answer).toContain(`[${i + 1}]`));
    const order = { critical: 0, high: 1, medium: 2, low: 3 };
    const shown = r.citations.slice(0, fails.length).map((c) => order[seeded.checks.find((x) => `device:${x.id}` === c.doc)!.severity]);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    // "why?" answers from the same report.
    const why = await ask(store, 'why?', { noLlm: true, deps: noModel, conversationId: 'cv_dev2' });
    expect(why.route).toBe('device');
    expect(why.answer).toContain(fails[0]!.reason);
  });

  it('a model intro is kept only when it passes the gate', async () => {
    const model = (text: string) => {
      const calls: GenerateRequest[] = [];
      const deps: Partial<AskDeps> = {
        ...noModel,
        resolveModel: () => '/fake/model.gguf',
        loadModel: async () => ({
          kind: 'instruct' as const,
          contextSize: 4096,
          generate: async (req: GenerateRequest) => (calls.push(req), { text, aborted: false, stopReason: 'eogToken' as const, promptTokens: 1, generatedTokens: 1, trimmedTurns: 0, reusedTokens: 0, ttftMs: 1 }),
        }),
      };
      return { calls, deps };
    };
    const good = model('Several checks fail on this computer; start with the critical ones.');
    const a = await ask(store, 'is my laptop secure?', { deps: good.deps });
    expect(a.answer.startsWith('Several checks fail on this computer; start with the critical ones.\n\nDevice health:')).toBe(true);
    expect(good.calls[0]!.user).toContain('fails: No leftover plain-text vault exports (critical)');
    const bad = model('Your computer has 42 open ports and Norton is off.');
    const b = await ask(store, 'is my laptop secure?', { deps: bad.deps });
    expect(b.answer.startsWith('Device health:')).toBe(true);
    expect(b.fallback).toBe('quality');
  });
});
