export { CATALOG, fileNameFor, findCatalogEntry, resolveModelUri, type CatalogEntry } from './catalog';
export { checkPolicy, downloadModel, sha256File, type CanDownload, type DownloadOptions, type DownloadResult } from './download';
export {
  activeModelName,
  checkGguf,
  DEV_CHAT_MODEL,
  importModel,
  installedModels,
  listModels,
  modelsDir,
  pullModel,
  removeModel,
  resolveModelPath,
  useModel,
  type InstalledModel,
  type ModelListing,
  type PullOptions,
} from './library';
