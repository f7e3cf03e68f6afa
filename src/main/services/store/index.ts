/** The practice-history store's public API. */
export {
  openStore, PracticeStore, StoreBusyError, StoreError,
  type AttemptInput, type DumpScope, type MergeOptions, type MergeResult, type OpenStoreOptions, type ProblemInput,
  type ProfileInput, type ReviewInput, type SolutionInput,
} from './store.js';
export { LATEST_SCHEMA_VERSION } from './migrations.js';
export { bankProblemId, userProblemId } from './ids.js';
