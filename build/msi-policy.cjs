// electron-builder `msiProjectCreated` hook: adds the default managed policy to the per-machine MSI as
// %ProgramData%\Bastion\policy.json. The component is Permanent and NeverOverwrite: an administrator's edited policy
// survives upgrades and uninstalls, and a policy pushed by GPO/Intune before install is never replaced.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const POLICY_SOURCE = join(__dirname, 'policy.default.json');
// A fixed GUID: the component must keep its identity across versions for NeverOverwrite/Permanent to mean anything.
const COMPONENT_GUID = '6A0E2F4B-6C3D-4E8A-9B1F-3D2C5A7E9B10';

function addPolicyComponent(wxs, source = POLICY_SOURCE) {
  if (wxs.includes('Id="BastionPolicyFile"')) return wxs;
  const dir = `<Directory Id="TARGETDIR" Name="SourceDir">`;
  const feature = /<Feature Id="ProductFeature"[^>]*>/;
  if (!wxs.includes(dir) || !feature.test(wxs)) throw new Error('msi-policy: the WiX project does not have the expected TARGETDIR and ProductFeature');
  const directory = [
    dir,
    '      <Directory Id="CommonAppDataFolder">',
    '        <Directory Id="BastionProgramData" Name="Bastion">',
    `          <Component Id="BastionPolicyFile" Guid="${COMPONENT_GUID}" Permanent="yes" NeverOverwrite="yes">`,
    `            <File Id="BastionPolicyJson" Name="policy.json" Source="${source.replace(/"/g, '&quot;')}" KeyPath="yes"/>`,
    '          </Component>',
    '        </Directory>',
    '      </Directory>',
  ].join('\n');
  return wxs.replace(dir, directory).replace(feature, (m) => `${m}\n      <ComponentRef Id="BastionPolicyFile"/>`);
}

module.exports = async function msiProjectCreated(projectFile) {
  writeFileSync(projectFile, addPolicyComponent(readFileSync(projectFile, 'utf8')));
};
module.exports.addPolicyComponent = addPolicyComponent;
