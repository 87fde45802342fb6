import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../db';
import { parsePolicyText } from './load';

// The packaging configuration cannot be exercised by building installers here (no Electron binary, no network), so
// it is checked statically: against electron-builder's own schema, and for the properties Bastion depends on.

const root = appRoot();
const require = createRequire(join(root, 'package.json'));
const config = require('./electron-builder.config.cjs') as Record<string, unknown> & { asarUnpack: string[]; files: string[] };

describe('electron-builder.config.cjs', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, msi: { perMachine: true, shipPolicy: true } }, new DebugLogger(false))).rejects.toThrow(/msi/);
  });

  it('targets deb, AppImage, a per-machine MSI and a dmg, with no update feed', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['deb', 'AppImage']);
    expect((config.win as { target: string[] }).target).toContain('msi');
    expect(config.msi).toMatchObject({ perMachine: true });
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect(config.publish).toBeNull();
  });

  it('unpacks every native module from the asar and rebuilds them for Electron at package time only', () => {
    for (const mod of ['better-sqlite3', 'sqlite-vec', 'node-llama-cpp', '@node-llama-cpp']) {
      expect(config.asarUnpack.some((p) => p.startsWith(`node_modules/${mod}/`)), mod).toBe(true);
    }
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare', 'test', 'pretest']) {
      expect(pkg.scripts[hook] ?? '', hook).not.toMatch(/electron-rebuild|@electron\/rebuild|install-app-deps/);
    }
  });

  it('never ships models, tests or sources', () => {
    for (const exclusion of ['!**/*.gguf', '!.cache/**', '!**/*.test.*']) expect(config.files).toContain(exclusion);
  });

  it('applies the fuses in afterPack through scripts/fuses.cjs', () => {
    expect(config.afterPack).toBe('./scripts/fuses.cjs');
  });
});

describe('the default policy shipped by the Windows installers', () => {
  it('is a valid policy', () => {
    const parsed = parsePolicyText(readFileSync(join(root, 'build/policy.default.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
  });

  it('is added to the MSI as a permanent, never-overwritten %ProgramData%\\Bastion\\policy.json', () => {
    const { addPolicyComponent } = require('./build/msi-policy.cjs') as { addPolicyComponent(wxs: string, source?: string): string };
    const template = readFileSync(require.resolve('app-builder-lib/templates/msi/template.xml'), 'utf8');
    const out = addPolicyComponent(template, 'C:\\build\\policy.default.json');
    expect(out).toMatch(/<Directory Id="CommonAppDataFolder">\s*<Directory Id="BastionProgramData" Name="Bastion">/);
    expect(out).toMatch(/<Component Id="BastionPolicyFile" Guid="[0-9A-F-]{36}" Permanent="yes" NeverOverwrite="yes">/);
    expect(out).toContain('<File Id="BastionPolicyJson" Name="policy.json" Source="C:\\build\\policy.default.json" KeyPath="yes"/>');
    expect(out).toMatch(/<Feature Id="ProductFeature"[^>]*>\s*<ComponentRef Id="BastionPolicyFile"\/>/);
    expect(addPolicyComponent(out)).toBe(out); // idempotent
    expect(() => addPolicyComponent('<Wix/>')).toThrow(/expected TARGETDIR/);
    expect(config.msiProjectCreated).toBe('./build/msi-policy.cjs');
  });

  it('is installed by the NSIS include only when no policy is there yet', () => {
    const nsh = readFileSync(join(root, 'build/installer.nsh'), 'utf8');
    expect(nsh).toMatch(/SetShellVarContext all/);
    expect(nsh).toMatch(/IfFileExists "\$APPDATA\\Bastion\\policy\.json"/);
    expect(existsSync(join(root, 'build/policy.default.json'))).toBe(true);
  });
});
