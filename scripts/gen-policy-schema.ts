// Writes docs/policy.schema.json from the zod schema in electron/managed/schema.ts (the one source of truth).
// Run: npx tsx scripts/gen-policy-schema.ts   (electron/managed/policy-schema.test.ts fails when it is stale)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../electron/db';
import { policyJsonSchema } from '../electron/managed';

export const POLICY_SCHEMA_FILE = 'docs/policy.schema.json';

export function renderPolicySchema(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && /gen-policy-schema\.[cm]?[jt]s$/.test(process.argv[1])) {
  const path = join(appRoot(), POLICY_SCHEMA_FILE);
  writeFileSync(path, renderPolicySchema());
  console.log(`wrote ${path}`);
}
