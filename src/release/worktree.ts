import { git } from '../shared/index.ts';
import { UserError } from '../shared/index.ts';

// A release tags what was committed and reviewed. These refusals are about a folder, not a line of
// a file, so they carry no position: the message names the folder and the files.

/** Refuses a folder outside git, a client never committed, and a client folder with uncommitted changes. */
export function refuseUncommitted(root: string, folder: string): void {
  if (git(root, ['rev-parse', '--git-dir']) === null) {
    throw new UserError('IRP_NOT_GIT', `${root} is not a git repository`, {
      hint: 'release commits and tags: run git init and commit the plans first',
    });
  }
  const committed = git(root, ['ls-files', '--', folder]) ?? '';
  if (committed === '') {
    throw new UserError('IRP_RELEASE_NEW', `${folder} is a new client: none of its files is committed yet`, {
      hint: `commit it first (git add ${folder} && git commit -m "Add ${folder.split('/').at(-1)}"), then release: a release tags what was committed and reviewed`,
    });
  }
  const status = git(root, ['status', '--porcelain', '--untracked-files=all', '--', folder]) ?? '';
  if (status !== '') {
    const files = status
      .split('\n')
      .map((l) => l.trim().replace(/^\S+\s+/, ''))
      .join(', ');
    throw new UserError('IRP_RELEASE_DIRTY', `${folder} has uncommitted changes: ${files}`, {
      hint: 'commit them first (or stash them), so the release tags exactly what was reviewed',
    });
  }
}
