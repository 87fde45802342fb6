// What changed between two policy documents, by key path ("actions.maxBatch", "models.allowedSha256"). Values are
// never reported: policies hold no secrets, but a key list is what an administrator needs to find the mistake, and
// it keeps the message one line.

export interface PolicyChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf values by dotted path; arrays and scalars are leaves (an array is compared whole). */
function leaves(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix || '(top level)', JSON.stringify(value) ?? 'undefined');
  }
  return out;
}

export function policyChanges(before: unknown, after: unknown): PolicyChanges {
  const a = leaves(before);
  const b = leaves(after);
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const changed = [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k));
  const sort = (xs: string[]) => xs.sort();
  return { added: sort(added), removed: sort(removed), changed: sort(changed) };
}
