// The layer rule (docs/architecture.md): each folder of src/ is a stage; a stage imports only
// stages below it, and another stage only through its index.ts. Type-only imports count too.
/** Top to bottom; folders on one line are one layer and may not import each other. */
const LAYERS = [['cli'], ['build', 'diff', 'release', 'import'], ['check', 'site', 'pdf', 'docx', 'versions'], ['render', 'incident'], ['model'], ['plan'], ['shared']];

const below = (i) => LAYERS.slice(i + 1).flat();
const layerRules = LAYERS.flatMap((layer, i) =>
  layer.map((folder) => ({
    name: `layer-${folder}`,
    comment: `src/${folder} may import only ${below(i).join(', ') || 'no other stage'}`,
    severity: 'error',
    from: { path: `^src/${folder}/` },
    to: { path: '^src/[^/]+/', pathNot: [`^src/${folder}/`, ...below(i).map((f) => `^src/${f}/`), '^src/schema/'] },
  })),
);

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no cycle, inside a folder or between folders', from: {}, to: { circular: true } },
    {
      name: 'through-index',
      severity: 'error',
      comment: 'another stage is imported through its index.ts, its public face',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', '^src/schema/'] },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|plans|tests/fixtures)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    moduleSystems: ['es6'],
  },
};
