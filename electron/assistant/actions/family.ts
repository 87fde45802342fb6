// Action families: what kind of thing a request asks for. A proposal (from the model or anywhere else) must be in
// the family of the request it answers — an "open the page" request can never become a vault write.
import type { ActionName } from '../../permissions';

export type ActionFamily = 'generate' | 'clipboard' | 'open_page' | 'vault_write' | 'vault_delete' | 'export' | 'finding_state' | 'file_permissions' | 'file_delete' | 'open_settings';

export const ACTION_FAMILY: Record<ActionName, ActionFamily> = {
  generate_password: 'generate',
  copy_to_clipboard: 'clipboard',
  open_change_password_page: 'open_page',
  rotate_password: 'vault_write',
  move_to_recycle_bin: 'vault_delete',
  export_report: 'export',
  snooze_finding: 'finding_state',
  mark_resolved: 'finding_state',
  fix_file_permissions: 'file_permissions',
  delete_plaintext_export: 'file_delete',
  open_settings_page: 'open_settings',
};

/** Whether `proposed` answers a request for `requested`. */
export function sameFamily(requested: ActionName, proposed: string): boolean {
  return proposed in ACTION_FAMILY && ACTION_FAMILY[proposed as ActionName] === ACTION_FAMILY[requested];
}
