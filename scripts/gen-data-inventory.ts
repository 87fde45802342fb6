// Writes docs/data-inventory.md from electron/inventory (the one source of truth) and the schema of a database
// migrated to the latest version. Run: npx tsx scripts/gen-data-inventory.ts
// (electron/inventory/inventory.test.ts fails when the doc is stale or the schema has something undescribed.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../electron/db';
import { INVENTORY_DOC, coverageProblems, migratedSchema, renderInventoryMarkdown } from '../electron/inventory';

if (process.argv[1] && /gen-data-inventory\.[cm]?[jt]s$/.test(process.argv[1])) {
  const live = migratedSchema();
  const problems = coverageProblems(live);
  if (problems.length) {
    console.error(problems.join('\n\n'));
    process.exitCode = 1;
  } else {
    const path = join(appRoot(), INVENTORY_DOC);
    writeFileSync(path, renderInventoryMarkdown(live));
    console.log(`wrote ${path}`);
  }
}
