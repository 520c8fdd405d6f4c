import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { IStylesOptions } from 'docx';
import { LineRuleType } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { UserError } from '../shared/index.ts';

// The binder's look in Word: the styles of the MSP's own Word template (msp.word_template), as
// pandoc's reference document works, or else Word's defaults with the MSP's branding colour.

/** The styles the document is given: a template's styles.xml, or options for docx's own styles. */
export type BinderStyles = { external?: string; options: IStylesOptions };

/**
 * The styles.xml of msp.word_template (a .docx or .dotx inside plans/, its path relative to it);
 * anything else is the user's error, located at plans/defaults.yaml as msp.logo's are.
 */
export function templateStyles(plansDir: string, template: string): string {
  const file = resolve(plansDir, template);
  const fail = (what: string, hint: string, cause?: unknown) =>
    new UserError('IRP_WORD_TEMPLATE', `msp.word_template "${template}" ${what}`, {
      position: { file: resolve(plansDir, 'defaults.yaml'), line: 1, col: 1 },
      hint,
      cause,
    });
  if (!['.docx', '.dotx'].includes(extname(file).toLowerCase()))
    throw fail('is not a .docx or .dotx file', 'save the template from Word as .docx or .dotx');
  if (
    !existsSync(file) ||
    lstatSync(file).isSymbolicLink() ||
    !realpathSync(file).startsWith(realpathSync(plansDir) + sep)
  )
    throw fail(
      'is not a file inside plans/',
      'put it in plans/ (e.g. plans/branding/binder.dotx) and give its path relative to plans/',
    );
  let styles: Uint8Array | undefined;
  try {
    styles = unzipSync(readFileSync(file), { filter: (f) => f.name === 'word/styles.xml' })['word/styles.xml'];
  } catch (cause) {
    throw fail('cannot be read as a Word file', 'save it again from Word or LibreOffice as .docx or .dotx', cause);
  }
  if (!styles)
    throw fail('has no styles (word/styles.xml)', 'save it again from Word or LibreOffice as .docx or .dotx');
  return strFromU8(styles);
}

/** Word's own styles with headings, title and links in the MSP's colour (#rrggbb). */
export function brandStyles(color: string): IStylesOptions {
  const brand = color.replace(/^#/, '').toUpperCase();
  const heading = (size: number) => ({
    run: { color: brand, bold: true, size },
    // Kept with what follows, so that no heading ends a page alone.
    paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      // Space after each paragraph (the print binder's rhythm); table cells take it back (see html.ts).
      document: {
        run: { font: 'Arial', size: 21 },
        paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
      },
      title: { run: { color: brand, bold: true, size: 56 } },
      heading1: heading(36),
      heading2: heading(28),
      heading3: heading(24),
      hyperlink: { run: { color: brand, underline: {} } },
    },
    // Tables a point smaller than the text, so that more columns fit across a page.
    paragraphStyles: [contentsHeading(), tableText({ size: 19 })],
  };
}

/**
 * The style of the contents page's title: a Heading 1 (the template's, if any) kept out of the contents
 * and the navigation pane by outline level 9, "body text", as Word's own TOC Heading is.
 */
function contentsHeading() {
  return { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Heading1', next: 'Normal', paragraph: { outlineLevel: 9 } };
}

/** The styles the binder uses that the template lacks: the contents title (TOC Heading) and the table text. */
export function templateAdditions(styles: string): IStylesOptions {
  const has = (id: string) => styles.includes(`w:styleId="${id}"`);
  return {
    paragraphStyles: [...(has('TOCHeading') ? [] : [contentsHeading()]), ...(has(TABLE_TEXT) ? [] : [tableText()])],
  };
}

/** The paragraph style of table cells (html.ts maps cells to it), so the template's Normal can add space after paragraphs. */
export const TABLE_TEXT = 'TableText';

/** Table cells' text: Normal (or `run`), single-spaced, with no space after (the cell's padding is its room). */
function tableText(run: { size?: number } = {}) {
  return {
    id: TABLE_TEXT,
    name: 'Table Text',
    basedOn: 'Normal',
    quickFormat: true,
    run,
    paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
  };
}
