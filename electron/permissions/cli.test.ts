import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../db';
import { setUserSetting } from '../managed';
import { scratchStore, type Scratch } from './testing';

// The permission and audit commands end to end, through the real CLI entry (tsx).

let s: Scratch;
beforeEach(() => {
  s = scratchStore();
});
afterEach(() => s.cleanup());

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', s.store.dataDir, ...args], { encoding: 'utf8', input: input ?? '' });

describe('bastion propose / proposals / confirm / reject / audit', () => {
  it('a file write waits for confirmation; piped "y" counts as non-interactive and is refused by default', () => {
    s.store.close();
    const path = join(s.dir, 'report.csv');
    const made = cli(['--json', 'propose', 'export_report', '--args', JSON.stringify({ format: 'csv', path })]);
    expect(made.status, made.stderr).toBe(0);
    const { proposal } = JSON.parse(made.stdout) as { proposal: { id: string; status: string } };
    expect(proposal.status).toBe('pending');

    const list = JSON.parse(cli(['--json', 'proposals']).stdout) as { id: string; effect: { summary: string; file: string } }[];
    expect(list.map((p) => p.id)).toEqual([proposal.id]);
    expect(list[0]!.effect.summary).toContain(path);
    expect(list[0]!.effect.file).toBe(path);

    const refused = cli(['confirm', proposal.id], 'y\n');
    expect(refused.status).toBe(11);
    expect(existsSync(path)).toBe(false);

    // The user enables non-interactive confirmation in their settings; now --yes works.
    const store = openStore({ dataDir: s.store.dataDir });
    setUserSetting(store, 'actions.allowNonInteractive', true);
    store.close();
    const ok = cli(['confirm', proposal.id, '--yes']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toMatch(/^kind,severity,item_id,item_title,reason/);

    const verify = cli(['audit', 'verify']);
    expect(verify.status).toBe(0);
    const audit = JSON.parse(cli(['--json', 'audit']).stdout) as { event: string }[];
    expect(audit.map((r) => r.event)).toEqual(['proposal_created', 'decision', 'confirmation_refused', 'confirmed', 'execution_started', 'executed']);
    s.store = openStore({ dataDir: s.store.dataDir });
  }, 300_000);

  it('an answer other than y rejects; unknown actions exit 2; reject of a settled proposal exits non-zero', () => {
    s.store.close();
    const made = JSON.parse(cli(['--json', 'propose', 'export_report', '--args', JSON.stringify({ format: 'json', path: join(s.dir, 'r.json') })]).stdout) as { proposal: { id: string } };
    const no = cli(['confirm', made.proposal.id], 'n\n');
    expect(no.status).toBe(0);
    expect(no.stdout).toContain('rejected');
    expect(cli(['reject', made.proposal.id]).status).toBe(7);
    expect(cli(['propose', 'format_disk', '--args', '{}']).status).toBe(2);
    const exported = join(s.dir, 'audit.jsonl');
    expect(cli(['audit', 'export', exported]).status).toBe(0);
    const lines = readFileSync(exported, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event?: string; type?: string });
    expect(lines.map((l) => l.event ?? l.type)).toEqual(['proposal_created', 'decision', 'rejected', 'proposal_invalid', 'head']);
    s.store = openStore({ dataDir: s.store.dataDir });
  }, 300_000);
});
