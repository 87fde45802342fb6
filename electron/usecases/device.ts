import { applyDevicePolicy, realHost, runDeviceChecks, type DeviceReport, type Host } from '../device';
import type { CheckId } from '../vocabulary';
import type { UseCaseContext } from './context';

// Device health: is this computer safe to keep passwords on? Deterministic, local checks read through a host port;
// the organisation's required checks are marked; the fixes go through the permission layer like every action.

export interface DeviceHealth extends DeviceReport {
  /** Checks the managed policy requires that do not pass (fail or unknown). */
  unmet: CheckId[];
}

export async function deviceHealth(ctx: UseCaseContext, opts: { extraExportDirs?: string[]; host?: Host } = {}): Promise<DeviceHealth> {
  const host = opts.host ?? realHost(ctx.env);
  const report = await runDeviceChecks(host, { dataDir: ctx.dataDir, ...(opts.extraExportDirs ? { extraExportDirs: opts.extraExportDirs.map((d) => ctx.path(d)) } : {}) });
  const { report: marked, unmet } = applyDevicePolicy(report, ctx.policy().policy.device?.require ?? []);
  return { ...marked, unmet };
}
