// electron-builder afterPack hook (and a CLI): flips Electron's fuses in the packaged binary.
// RunAsNode, NODE_OPTIONS and --inspect off; only load the app from a validated asar; no extra file:// privileges.
const { join } = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName ?? name.toLowerCase());
  }
}

async function afterPack(context) {
  const target = electronBinary(context);
  await flipFuses(target, { ...FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 /* arm64 */ });
  console.log(`fuses set on ${target}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;

if (require.main === module) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node scripts/fuses.cjs PATH_TO_ELECTRON_BINARY');
    process.exit(2);
  }
  flipFuses(target, FUSES).then(() => console.log(`fuses set on ${target}`), (e) => (console.error(e.message), process.exit(1)));
}
