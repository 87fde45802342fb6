export { resolveDataDir } from './data-dir';
export { appRoot } from './app-root';
export { fsyncDir, writeFileAtomic } from './atomic-write';
export { kindOfFile, openRegularFile, readRegularFile, readRegularFileAsync, type BoundedReadOptions, type OpenedFile } from './bounded-read';
export { loadInstallKeys, KEY_FILE, type InstallKeys, type KeyPurpose } from './install-key';
export type { Migration } from './migration';
export { APPLICATION_ID, DB_CHECKED_FILE, DB_FILE, openStore, type OpenStoreOptions, type Store } from './open';
export { dataDirWarning, makePrivate, privateUmask } from './private-files';
export { diskFullError, isDiskFull, isEnvironmentFailure, readOnlyError, storeError, type StoreErrorContext } from './store-errors';
