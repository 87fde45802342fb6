; NSIS include (Windows per-machine .exe installer, the alternative to the MSI): ships the default managed policy to
; %ProgramData%\Bastion\policy.json unless one is already there (an administrator's policy is never overwritten,
; and uninstalling leaves it in place).
!macro customInstall
  SetShellVarContext all
  CreateDirectory "$APPDATA\Bastion"
  IfFileExists "$APPDATA\Bastion\policy.json" +2 0
    File "/oname=$APPDATA\Bastion\policy.json" "${BUILD_RESOURCES_DIR}\policy.default.json"
!macroend
