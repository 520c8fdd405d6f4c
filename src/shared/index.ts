// The public face of src/shared: other stages import from here only.
export { UserError, UserErrors, formatUserError, oneLine, preview, sortErrors, systemError } from './errors.ts';
export type { Position } from './errors.ts';
export { same } from './equal.ts';
export { addMonths, formatDate, formatHours, toE164 } from './format.ts';
export { exportTree, resolveCommit } from './gitread.ts';
export { KEY_FILE, buildKey, hashTree, readKeyRecord } from './hash.ts';
export { killOnInterrupt, onInterrupt, removeOnInterrupt } from './interrupt.ts';
export { escapeLinkText, escapeMarkdown, trusted } from './markdown.ts';
export { releaseMemory } from './memory.ts';
export {
  TOOL_ROOT,
  clientDirty,
  clientEpoch,
  clientStamp,
  findProject,
  git,
  readRepoState,
  sourceStamp,
} from './project.ts';
export type { Project, RepoState, SourceStamp } from './project.ts';
export { closest } from './suggest.ts';
