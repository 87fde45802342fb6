import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { appRoot, openStore } from '../db';
import { activeModelName, installedModels, markModelAnswered } from '../../models';
import { minimalGguf } from '../../models/test-gguf';
import * as uc from '../usecases';
import { SEEDED_VAULT, writeFixture } from '../vault/fixtures';
import { parsePlaybooks, shellWords, type Playbook } from './testing-playbooks';

// Runs every command of docs/incidents.md, in order, against a scratch data folder put into each playbook's situation,
// and checks each exits as the playbook says. `bastion …` lines run in this process (the real CLI program); the
// others run in sh with the playbook's variables in the environment.

const DOC = readFileSync(join(appRoot(), 'docs/incidents.md'), 'utf8');
const PLAYBOOKS = parsePlaybooks(DOC);
const KDBX_PASSWORD = 'correct horse battery staple';

interface Ran {
  line: string;
  code: number;
  out: string;
  err: string;
}

interface Situation {
  /** Variables the commands use ($DATA_DIR…) and the environment they run with (BASTION_POLICY, HOME…). */
  vars: Record<string, string>;
  env: Record<string, string>;
  /** What must hold once the playbook's commands ran. */
  after(ran: Ran[]): void | Promise<void>;
}

const roots: string[] = [];
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A scratch folder with a data dir and a policy file in force. */
function scratch(policy: unknown = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bastion-playbook-'));
  roots.push(dir);
  const dataDir = join(dir, 'data');
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(policy));
  const env = { BASTION_POLICY: policyFile, BASTION_MODEL: '', BASTION_EMBED_MODEL: '' };
  const ctx = () => uc.createContext({ dataDir, cwd: dir, env: { ...process.env, ...env } });
  return { dir, dataDir, policyFile, env, ctx };
}

async function withCtx<T>(make: () => uc.UseCaseContext, fn: (ctx: uc.UseCaseContext) => Promise<T> | T): Promise<T> {
  const ctx = make();
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
  }
}

async function bastion(args: string[], env: Record<string, string>): Promise<Omit<Ran, 'line'>> {
  let out = '';
  let code = 0;
  const err: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await runCli(args, { setExitCode: (c) => (code = c), writeErr: (l) => void err.push(l), writeOut: (t) => void (out += t) });
  } finally {
    process.env = saved;
  }
  return { code, out, err: err.join('\n') };
}

function sh(line: string, env: Record<string, string>): Promise<Omit<Ran, 'line'>> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', line], { env: { ...process.env, ...env } }, (e, out, err) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out, err }));
  });
}

const SITUATIONS: Record<string, () => Promise<Situation>> = {
  async audit() {
    const s = scratch({ audit: { allowWipe: true } });
    const vault = join(s.dir, 'vault.json');
    await writeFixture('bitwarden-json', SEEDED_VAULT, vault);
    await withCtx(s.ctx, async (ctx) => {
      await uc.vault.importFile(ctx, { path: vault });
      for (const theme of ['dark', 'light', 'system']) uc.settings.writeSetting(ctx, 'ui.theme', theme);
    });
    // Someone edits a record in the database file, around the append-only triggers.
    const store = openStore({ dataDir: s.dataDir });
    store.db.exec("drop trigger audit_log_no_update; update audit_log set body = replace(body, 'dark', 'evil') where seq = 1");
    store.close();
    const evidence = join(s.dir, 'evidence');
    return {
      vars: { DATA_DIR: s.dataDir, EVIDENCE_DIR: evidence, VAULT_FILE: vault },
      env: s.env,
      after(ran) {
        expect(ran[0]!.out).toMatch(/TAMPERED at record #1/);
        expect(existsSync(join(evidence, 'bastion-data', 'install.key'))).toBe(true);
        expect(readFileSync(join(evidence, 'audit.jsonl'), 'utf8')).toContain('evil');
      },
    };
  },

  async 'vault-file'() {
    const s = scratch();
    const vault = join(s.dir, 'vault.kdbx');
    await writeFixture('kdbx', SEEDED_VAULT, vault, { password: KDBX_PASSWORD });
    const done = await withCtx(s.ctx, async (ctx) => {
      await uc.vault.importFile(ctx, { path: vault, password: KDBX_PASSWORD });
      const itemId = uc.vault.report(ctx).findings.find((f) => f.kind === 'weak')!.items[0]!.id;
      const { record } = await uc.proposals.propose(ctx, { action: 'rotate_password', args: { itemId } });
      return (await uc.proposals.confirm(ctx, { id: record.id, argsHash: record.argsHash, vaultPassword: KDBX_PASSWORD })).record;
    });
    expect(done.status).toBe('executed');
    return {
      vars: { DATA_DIR: s.dataDir, VAULT_FILE: vault, PROPOSAL_ID: done.id, BACKUP_FILE: String(done.result?.backup) },
      env: { ...s.env, BASTION_VAULT_PASSWORD: KDBX_PASSWORD },
      async after() {
        await withCtx(s.ctx, (ctx) => {
          expect(uc.proposals.review(ctx, done.id).record.status).toBe('undone');
          expect(ctx.settings().actions.deny).toEqual(['rotate_password', 'move_to_recycle_bin']);
          // `bastion data` finds the backups the action and its undo left beside the vault.
          expect(uc.data.inventory(ctx).outside.find((o) => o.id === 'vault_backups')!.found.map((f) => f.path)).toContain(done.result?.backup);
        });
      },
    };
  },

  async model() {
    const s = scratch();
    const sha: Record<string, string> = {};
    await withCtx(s.ctx, async (ctx) => {
      for (const name of ['trusted', 'suspect']) {
        writeFileSync(join(s.dir, `${name}.gguf`), minimalGguf({ architecture: 'llama', name }));
        sha[name] = (await uc.models.importFile(ctx, join(s.dir, `${name}.gguf`), { use: true })).sha256;
        // The trusted model answered for weeks before the switch.
        if (name === 'trusted') markModelAnswered(s.dataDir, name);
      }
    });
    appendFileSync(join(s.dataDir, 'models', 'suspect.gguf'), 'changed'); // its bytes change on disk
    const pinned = join(s.dir, 'pinned-policy.json');
    writeFileSync(pinned, JSON.stringify({ models: { allowedSha256: [sha.trusted] } }));
    return {
      vars: { DATA_DIR: s.dataDir, MODEL: 'suspect', POLICY_FILE: pinned },
      env: s.env,
      async after(ran) {
        const listed = JSON.parse(ran[0]!.out) as { name: string; sha256: string; previous: boolean }[];
        expect(listed.find((m) => m.name === 'trusted')).toMatchObject({ previous: true, sha256: sha.trusted });
        expect(ran[1]!.out).not.toContain(sha.suspect!); // the digest on disk no longer matches the record
        expect(activeModelName(s.dataDir)).toBe('trusted');
        expect(installedModels(s.dataDir).map((m) => m.name)).toEqual(['trusted']);
        expect(ran[4]!.out).toMatch(/model_changed/);
      },
    };
  },

  async policy() {
    const s = scratch();
    const valid = JSON.stringify({ actions: { maxBatch: 5 }, history: { retentionDays: 30 } });
    writeFileSync(s.policyFile, valid);
    await withCtx(s.ctx, (ctx) => {
      ctx.store();
      uc.managed.beforeCommand(ctx); // the machine ran under the valid policy
    });
    writeFileSync(s.policyFile, JSON.stringify({ actions: { maxBatch: 'five' }, history: { retentionDays: 30 } }));
    const fixed = join(s.dir, 'fixed-policy.json');
    writeFileSync(fixed, valid);
    return {
      vars: { DATA_DIR: s.dataDir, POLICY_FILE: s.policyFile, FIXED_POLICY_FILE: fixed },
      env: s.env,
      async after(ran) {
        expect(ran[0]!.out).toMatch(/Compared with the last valid policy .*changed actions\.maxBatch\. Bastion runs locked down/);
        expect(ran[0]!.out).toMatch(/invalid .*\n.*valid/);
        const view = await withCtx(s.ctx, (ctx) => uc.managed.policyState(ctx));
        expect(view.history.map((h) => h.status)).toEqual(['valid', 'invalid', 'valid']);
        expect(view.history[0]!.sha256).toBe(view.history[2]!.sha256);
        expect(ran[3]!.out).toContain(view.history[2]!.sha256!);
        expect(ran[6]!.out.match(/policy_changed/g)).toHaveLength(3);
      },
    };
  },

  async 'plaintext-export'() {
    const s = scratch();
    const home = join(s.dir, 'home');
    const downloads = join(home, 'Downloads');
    mkdirSync(downloads, { recursive: true });
    const file = join(downloads, 'bitwarden_export.json');
    await writeFixture('bitwarden-json', SEEDED_VAULT, file);
    await withCtx(s.ctx, (ctx) => uc.vault.importFile(ctx, { path: file }));
    return {
      vars: { DATA_DIR: s.dataDir, EXPORT_DIR: downloads, EXPORT_FILE: file },
      env: { ...s.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      after(ran) {
        expect(ran[0]!.out).toContain(file);
        expect(ran[1]!.out).toContain(file);
        expect(existsSync(file)).toBe(false);
        const last = JSON.parse(ran[3]!.out) as { checks: { id: string; status: string }[] };
        expect(last.checks.find((c) => c.id === 'plaintext_exports')?.status).toBe('pass');
      },
    };
  },

  async 'damaged-store'() {
    const s = scratch();
    const vault = join(s.dir, 'vault.json');
    await writeFixture('bitwarden-json', SEEDED_VAULT, vault);
    const before = await withCtx(s.ctx, async (ctx) => {
      await uc.vault.importFile(ctx, { path: vault });
      return uc.vault.report(ctx).findings.length;
    });
    // A disk error: pages in the middle of the file overwritten.
    const fd = openSync(join(s.dataDir, 'bastion.db'), 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, 4096 * 2);
    closeSync(fd);
    return {
      vars: { DATA_DIR: s.dataDir, VAULT_FILE: vault },
      env: s.env,
      async after(ran) {
        expect(ran[0]!.err).toContain(join(s.dataDir, 'bastion.db'));
        expect(existsSync(join(s.dataDir, 'damaged', 'bastion.db'))).toBe(true);
        expect(await withCtx(s.ctx, (ctx) => uc.vault.report(ctx).findings.length)).toBe(before);
      },
    };
  },
};

describe('docs/incidents.md', () => {
  it('has a runnable situation for each playbook, and a playbook for each situation', () => {
    expect(PLAYBOOKS.map((p) => p.id).sort()).toEqual(Object.keys(SITUATIONS).sort());
    for (const p of PLAYBOOKS) expect(p.commands.length, p.id).toBeGreaterThan(0);
  });

  it.each(PLAYBOOKS.map((p) => [p.title, p] as [string, Playbook]))('%s: every command exists and exits as written', async (_title, playbook) => {
    const situation = await SITUATIONS[playbook.id]!();
    const ran: Ran[] = [];
    for (const { line, exit } of playbook.commands) {
      const r = line.startsWith('bastion ')
        ? await bastion(['--data-dir', situation.vars.DATA_DIR!, ...shellWords(line, situation.vars).slice(1)], situation.env)
        : await sh(line, { ...situation.env, ...situation.vars });
      ran.push({ line, ...r });
      expect(r.code, `${line}\n--- stdout\n${r.out.slice(0, 2000)}\n--- stderr\n${r.err.slice(0, 2000)}`).toBe(exit);
    }
    await situation.after(ran);
  }, 180_000);
});
