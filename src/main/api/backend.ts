/**
 * THE implementation of the contract: wires the services (bank, inference, models, store,
 * export, settings) to the `DaggerApi` methods. The Electron IPC layer and the browser host both
 * call `createBackend` and put its dispatcher behind their transport, so behaviour is identical.
 *
 *   const backend = await createBackend({ dataDir, host: 'browser' });
 *   await backend.dispatcher.dispatch('listProblems', { topic: 'money' });
 *   await backend.close();   // cancels work, unloads the model, closes the store last
 */
import fs from 'node:fs';
import path from 'node:path';
import { DaggerApiError, type AppInfo } from '../../shared/api.js';
import { loadBank } from '../services/bank.js';
import { InferenceService } from '../services/inference/inference-service.js';
import type { LoadOptions } from '../services/inference/types.js';
import type { HubTokenStore } from '../services/models/hub/token-store.js';
import { SettingsService } from '../services/settings.js';
import { openStore } from '../services/store/index.js';
import { createDispatcher, type Dispatcher } from './dispatch.js';
import { exportData, importData, saveExport } from './data.js';
import { JobQueue } from './job-queue.js';
import { ModelManager } from './models.js';
import * as practice from './practice.js';
import { ProblemCatalogue } from './problems.js';
import { requireRecords } from './references.js';
import { resolveResourcesDir } from './resources.js';
import { solve } from './solving.js';
import type { ApiHandlers } from './types.js';

/** What only a host can do (native dialogs); the browser host has none. */
export interface HostDialogs {
  pickModelFile(): Promise<string | null>;
  /** The native save dialog, offering `fileName`; the chosen path, or null when cancelled. */
  chooseSaveFile(fileName: string): Promise<string | null>;
}

export interface BackendOptions {
  dataDir: string;
  host: AppInfo['host'];
  appVersion?: string;
  /** Folder holding bank/, models/catalog.json (default: found automatically). */
  resourcesDir?: string;
  /** Use this model file instead of the selected one. */
  modelPath?: string;
  /** Passed to every model load (tests: `{ threads: 1 }`). */
  loadOptions?: LoadOptions;
  dialogs?: HostDialogs;
  /** Where the Hugging Face token is kept (Electron: encrypted with safeStorage); default in memory / HF_TOKEN. */
  hubTokens?: HubTokenStore;
  /** The Hugging Face Hub address (tests: tests/support/fake-hub.ts). */
  hubEndpoint?: string;
}

export interface Backend {
  handlers: ApiHandlers;
  dispatcher: Dispatcher;
  settings: SettingsService;
  models: ModelManager;
  /** Cancels every solve and download, unloads the model, then closes the store (last). */
  close(): Promise<void>;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const { dataDir } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  const resourcesDir = resolveResourcesDir(options.resourcesDir);
  const bank = await loadBank(path.join(resourcesDir, 'bank'));
  const catalogue = new ProblemCatalogue(bank.sets.map((s) => s.set));
  const settings = new SettingsService(dataDir);
  const store = openStore(dataDir);
  const inference = new InferenceService();
  const catalogFile = path.join(resourcesDir, 'models', 'catalog.json');
  const models = new ModelManager({
    dataDir, settings, inference, catalogFile,
    ...(options.modelPath ? { modelPath: options.modelPath } : {}),
    ...(options.loadOptions ? { loadOptions: options.loadOptions } : {}),
    ...(options.hubTokens ? { hubTokens: options.hubTokens } : {}),
    ...(options.hubEndpoint ? { hubEndpoint: options.hubEndpoint } : {}),
  });
  const solves = new JobQueue();
  const downloads = new JobQueue();
  let closing: Promise<void> | null = null;

  const unsupported = (what: string) =>
    new DaggerApiError('UNSUPPORTED', `${what} is not available in the ${options.host} host`);

  const handlers: ApiHandlers = {
    async getAppInfo() {
      return {
        name: 'DAGGER Tutor',
        version: options.appVersion ?? '0.1.0',
        host: options.host,
        platform: process.platform,
        dataDir,
        capabilities: { fileDialogs: options.dialogs !== undefined },
      };
    },

    // Problems
    async listProblems(request) {
      return catalogue.list(request);
    },
    async getProblem(request) {
      return catalogue.get(request.itemId);
    },
    async reviewQueue(request) {
      return practice.reviewQueue(store, request);
    },

    // Solving
    solve(request, emit) {
      return solve({ queue: solves, inference, models, store, catalogue }, request, emit);
    },
    async cancel(request) {
      return { cancelled: solves.cancel(request.requestId) || downloads.cancel(request.requestId) };
    },

    // Models
    async modelCatalog() {
      return models.catalog();
    },
    async listModels() {
      return models.list();
    },
    importModel(request, emit) {
      return models.importFile(downloads, request, emit);
    },
    downloadModel(request, emit) {
      return models.download(downloads, request, emit);
    },
    async planGetModel(request) {
      return models.planGet(request);
    },
    getModel(request, emit) {
      return models.get(downloads, request, emit);
    },
    async hubToken() {
      return models.hubTokenState();
    },
    async setHubToken(request) {
      return models.setHubToken(request.token);
    },
    async deleteModel(request) {
      return models.delete(request.fileName);
    },
    async selectModel(request) {
      return models.select(request.fileName);
    },
    async loadModel() {
      await models.ensureLoaded();
      return models.status();
    },
    async modelStatus() {
      return models.status();
    },
    async pickModelFile() {
      if (!options.dialogs) throw unsupported('a file dialog');
      return { path: await options.dialogs.pickModelFile() };
    },

    // Practice history
    async historyPage(request) {
      requireRecords(store, request);
      return store.historyPage(request);
    },
    async getAttempt(request) {
      return practice.getAttempt(store, request.attemptId);
    },
    async stats(request) {
      requireRecords(store, request);
      return store.stats(request.profileId ? { profileId: request.profileId } : {});
    },
    async recordAttempt(request) {
      return practice.recordAttempt(store, catalogue, request);
    },
    async addReview(request) {
      return practice.addReview(store, request);
    },

    // Profiles and sessions
    async listProfiles() {
      return store.listProfiles();
    },
    async createProfile(request) {
      return store.createProfile(request);
    },
    async selectProfile(request) {
      if (request.profileId !== null && !store.getProfile(request.profileId)) {
        throw new DaggerApiError('NOT_FOUND', `no profile ${request.profileId}`);
      }
      return settings.update({ currentProfileId: request.profileId });
    },
    async startSession(request) {
      if (!store.getProfile(request.profileId)) throw new DaggerApiError('NOT_FOUND', `no profile ${request.profileId}`);
      return store.startSession(request.profileId);
    },
    async endSession(request) {
      try {
        return store.endSession(request.sessionId);
      } catch (error) {
        throw new DaggerApiError('NOT_FOUND', error instanceof Error ? error.message : String(error));
      }
    },

    // Export / import
    async exportData(request) {
      requireRecords(store, request);
      return exportData(store, request);
    },
    importData(request, emit) {
      return importData(dataDir, request, emit);
    },
    async saveFile(request) {
      const dialogs = options.dialogs;
      if (!dialogs) throw unsupported('a save dialog');
      return saveExport(dataDir, request, (fileName) => dialogs.chooseSaveFile(fileName));
    },

    // Settings
    async getSettings() {
      return settings.get();
    },
    async updateSettings(request) {
      return settings.update(request);
    },
  };

  const dispatcher = createDispatcher(handlers);
  return {
    handlers,
    dispatcher: {
      dispatch(method, request, emit) {
        if (closing) return Promise.resolve({ ok: false, error: { code: 'SHUTTING_DOWN', message: 'the app is closing' } });
        return dispatcher.dispatch(method, request, emit);
      },
    },
    settings,
    models,
    close() {
      closing ??= (async () => {
        // Generation and downloads stop first (they may still write a solution / a file),
        // then the model is unloaded, and the store — the history — is closed last.
        await Promise.all([solves.close(), downloads.close()]);
        await inference.dispose().catch(() => undefined);
        store.close();
      })();
      return closing;
    },
  };
}
