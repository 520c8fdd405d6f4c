import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { copyDirAtomic, writeFileAtomic } from '../../../src/shared/fs.ts';

const dirs: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'irplan-fs-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  test('replaces the file and leaves no temporary file', () => {
    const dir = temp();
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  test('a failed write leaves the old file and no temporary file', () => {
    const dir = temp();
    const file = join(dir, 'sub');
    mkdirSync(file); // a folder where the file should go: the rename fails
    expect(() => writeFileAtomic(file, 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['sub']);
  });
});

describe('copyDirAtomic', () => {
  test('copies a folder whole, and reports false when the target exists', () => {
    const dir = temp();
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'src', 'deep', 'f'), '1');
    expect(copyDirAtomic(join(dir, 'src'), join(dir, 'out', 'copy'))).toBe(true);
    expect(readFileSync(join(dir, 'out', 'copy', 'deep', 'f'), 'utf8')).toBe('1');
    writeFileSync(join(dir, 'src', 'deep', 'f'), '2');
    expect(copyDirAtomic(join(dir, 'src'), join(dir, 'out', 'copy'))).toBe(false);
    expect(readFileSync(join(dir, 'out', 'copy', 'deep', 'f'), 'utf8')).toBe('1');
    expect(readdirSync(join(dir, 'out'))).toEqual(['copy']);
  });

  test('a source that cannot be read gives false and no partial copy', () => {
    const dir = temp();
    expect(copyDirAtomic(join(dir, 'missing'), join(dir, 'copy'))).toBe(false);
    expect(existsSync(join(dir, 'copy'))).toBe(false);
  });
});
