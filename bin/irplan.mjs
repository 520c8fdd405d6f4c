#!/usr/bin/env node
// The irplan command. Node runs the TypeScript sources directly (type stripping), so there is no
// compile step: `npx irplan ...` works straight after `npm ci`.
// The version range in package.json's engines: Node.js 24 LTS from 24.9.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major !== 24 || minor < 9) {
  console.error(`irplan needs Node.js 24.9 or newer within 24 (package.json engines); this is ${process.version}.`);
  console.error('  hint: run it through npm (npx irplan, npm run ...), which uses the Node.js pinned in package.json');
  process.exit(1);
}
const { main } = await import('../src/cli/index.ts');
const code = await main(process.argv.slice(2));
// Astro and the browser can leave idle handles behind; the work is done, so leave now.
process.exitCode = code;
process.stdout.write('', () => process.exit(code));
