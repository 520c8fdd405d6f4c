import { findBrowser } from '../pdf/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { out } from './output.ts';

export const command: Command = {
  summary: 'check this machine: Node.js version and a browser for printing',
  help: `Usage: irplan doctor

Reports the Node.js version in use and the browser irplan will print PDFs with. Exits 1 when no
browser is found, with the ways to get one.`,
  async run(args) {
    parse('doctor', args, {});
    out(`node ${process.version}`);
    const browser = await findBrowser();
    out(`browser ${browser}`);
    return 0;
  },
};
