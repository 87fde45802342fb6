import { BastionError } from '../../core';
import type { ActionArgs } from '../catalog';
import type { DeviceFixes, ExecutionPorts } from '../ports';

// Executors for the device-health fixes. The file operations themselves live in electron/device (reached through
// the DeviceFixes port); here: the checks that make them safe to run from a proposal, and what undo needs.

export interface Executed {
  result: Record<string, unknown>;
  undo: Record<string, unknown> | null;
}

function fixes(ports: ExecutionPorts): DeviceFixes {
  if (!ports.device) throw new BastionError('UNSUPPORTED', 'Device fixes are not available here.');
  return ports.device;
}

export function makeFilePrivate(ports: ExecutionPorts, args: ActionArgs<'fix_file_permissions'>): Executed {
  const r = fixes(ports).makePrivate(args.path);
  return { result: { path: r.path, oldMode: octal(r.oldMode), newMode: octal(r.newMode) }, undo: { path: r.path, oldMode: r.oldMode } };
}

/** Deletes a file only when its content is a plain-text vault export: a proposal can never delete anything else. */
export async function deletePlaintextExport(ports: ExecutionPorts, args: ActionArgs<'delete_plaintext_export'>): Promise<Executed> {
  const device = fixes(ports);
  const format = await device.plaintextExportFormat(args.path);
  if (!format) throw new BastionError('BAD_INPUT', `${args.path} is not a plain-text vault export, so Bastion will not delete it.`);
  if ((args.mode ?? 'trash') === 'trash') {
    const t = device.trash(args.path);
    return { result: { path: args.path, format, movedTo: t.trashedPath }, undo: { entry: t.entry } };
  }
  const o = device.overwriteAndDelete(args.path);
  return { result: { path: args.path, format, overwritten: o.bytesOverwritten }, undo: null };
}

export async function openSettingsPage(ports: ExecutionPorts, args: ActionArgs<'open_settings_page'>): Promise<Executed> {
  const device = fixes(ports);
  const target = device.settingsTarget(args.checkId);
  if (!target) throw new BastionError('UNSUPPORTED', 'There is no settings page for that check on this system.');
  if (target.kind === 'command' || !device.openSettings) {
    const how = target.kind === 'command' ? `Run this in a terminal yourself: ${target.command} (${target.note})` : `Open ${target.label} in your system settings.`;
    return { result: { shown: true, message: how }, undo: null };
  }
  await device.openSettings(target.uri);
  return { result: { opened: target.label, message: `Opened ${target.label}.` }, undo: null };
}

export function undoDeviceFix(ports: ExecutionPorts, action: 'fix_file_permissions' | 'delete_plaintext_export', undo: Record<string, unknown>): Record<string, unknown> {
  const device = fixes(ports);
  if (action === 'fix_file_permissions') {
    device.restoreMode(String(undo.path), Number(undo.oldMode));
    return { path: undo.path, restoredMode: octal(Number(undo.oldMode)) };
  }
  return { restored: device.restoreTrashed(undo.entry as Record<string, unknown>).path };
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;
