export {
  appendAudit,
  AUDIT_ACTORS,
  AUDIT_EVENTS,
  CHECKPOINT_EVERY,
  exportAudit,
  listAudit,
  readAuditTables,
  scrubSecrets,
  verifyAudit,
  type AuditActor,
  type AuditEvent,
  type AuditInput,
  type AuditRecord,
} from './log';
export { AUDIT_ANCHOR_FILE } from './anchor';
export { canonicalJson, sha256Hex, verifyChain, type AuditRow, type CheckpointRow, type VerifyResult } from './chain';
