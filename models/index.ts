export { CATALOG, fileNameFor, findCatalogEntry, resolveModelUri, type CatalogEntry } from './catalog';
export { checkPolicy, downloadModel, sha256File, type CanDownload, type DownloadOptions, type DownloadResult } from './download';
export { activeModelName, markModelAnswered, previousModelName, rollbackModel, useModel, type RollbackResult } from './active';
export { installedModels, modelsDir, type InstalledModel } from './store';
export {
  checkGguf,
  DEV_BASE_MODEL,
  DEV_CHAT_MODEL,
  DEV_INSTRUCT_MODEL,
  importModel,
  listModels,
  pullModel,
  removeModel,
  resolveModelPath,
  type ModelListing,
  type PullOptions,
} from './library';
export { BASE_MODEL_NOTE, modelKind, type ModelKind, type ModelKindInfo } from '../native';
