import { runCli } from './program';

// Test helper: the CLI in this process, as `bastion --data-dir D --json ARGS` runs from a shell with that managed
// policy file and no model chosen by the environment. process.env is put back afterwards.

export interface InProcessRun {
  code: number;
  /** stdout: one JSON document, or '' */
  out: string;
  err: string;
}

export async function runCliInProcess(dataDir: string, policyFile: string | undefined, args: string[]): Promise<InProcessRun> {
  let out = '';
  let code = 0;
  const err: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, { BASTION_POLICY: policyFile, BASTION_MODEL: '' });
  try {
    await runCli(['--data-dir', dataDir, '--json', ...args], { setExitCode: (c) => (code = c), writeErr: (l) => void err.push(l), writeOut: (t) => void (out += t) });
  } finally {
    process.env = saved;
  }
  return { code, out, err: err.join('\n') };
}
