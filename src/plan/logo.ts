import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { UserError } from '../shared/index.ts';

const TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};
/** Covers print a logo, not a poster: anything larger is a mistake. */
const MAX_BYTES = 512 * 1024;

/**
 * The MSP logo (msp.logo, a path relative to plans/) as a data: URI, so the cover needs no request
 * and the file cannot be a link out of the repository.
 */
export function logoDataUri(plansDir: string, logo: string | null): string | null {
  if (!logo) return null;
  const file = resolve(plansDir, logo);
  const where = { file: resolve(plansDir, 'defaults.yaml'), line: 1, col: 1 };
  const type = TYPES[extname(file).toLowerCase()];
  if (!type)
    throw new UserError('IRP_LOGO', `msp.logo "${logo}" is not an SVG, PNG or JPEG file`, {
      position: where,
      hint: 'use a .svg, .png or .jpg file inside plans/',
    });
  if (
    !existsSync(file) ||
    lstatSync(file).isSymbolicLink() ||
    !realpathSync(file).startsWith(realpathSync(plansDir) + sep)
  ) {
    throw new UserError('IRP_LOGO', `msp.logo "${logo}" is not a file inside plans/`, {
      position: where,
      hint: 'put the logo in plans/ (e.g. plans/branding/logo.svg) and give its path relative to plans/',
    });
  }
  const bytes = readFileSync(file);
  if (bytes.length > MAX_BYTES)
    throw new UserError('IRP_LOGO', `msp.logo is ${bytes.length} bytes, over the ${MAX_BYTES} byte limit`, {
      position: where,
      hint: 'export a smaller logo; it prints about 16 mm high',
    });
  return `data:${type};base64,${bytes.toString('base64')}`;
}
