import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * runtime/'s layers, lowest first: a folder (or top-level file) may import only from
 * layers below its own, never a sibling of its layer or anything above. Plug-ins meet
 * their registries in runtime/plugins.ts, which only the entry points import.
 */
const RUNTIME_LAYERS = [
  ['common', 'version.ts'],
  ['schema'],
  ['validate.ts'],
  ['template', 'buildspec', 'appspec'],
  ['stacks'],
  ['builds', 'deployments', 'repos'],
  ['pipelines'],
  ['checks.ts', 'recovery.ts', 'api'],
  ['plugins.ts'],
  ['cli'],
];
const runtimeLayerZones = RUNTIME_LAYERS.flatMap((layer, index) =>
  layer.map((part) => ({
    target: `./runtime/${part}`,
    from: RUNTIME_LAYERS.slice(index).flat().filter((other) => other !== part).map((other) => `./runtime/${other}`),
    message: `runtime/${part} is in layer ${index} of eslint.config.mjs's RUNTIME_LAYERS: it imports only from layers below it.`,
  })),
).filter((zone) => zone.from.length > 0);

const LSP_AND_EDITOR = ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver-protocol', 'vscode-languageserver-types', 'vscode-jsonrpc', 'vscode-jsonrpc/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', '.e2e-cache/**', 'test-results/**', 'examples/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The dependency rule: the engines are pure Node; editors and protocols sit above them.
    files: ['runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: LSP_AND_EDITOR.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'runtime/ is pure Node: no editor or LSP imports (ARCHITECTURE.md).' })), patterns: LSP_AND_EDITOR.filter((p) => p.includes('*')).map((group) => ({ group: [group], message: 'runtime/ is pure Node.' })) }],
    },
  },
  {
    // No import cycles anywhere, and runtime/'s layers import only downward.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { ...importX.flatConfigs.typescript.settings, 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', {
        zones: [
          ...runtimeLayerZones,
          { target: ['./server', './client'], from: './runtime/cli', message: 'the server and the client sit beside the CLI, not on it: shared code goes in runtime/.' },
          { target: './runtime', from: ['./server', './client', './webviews', './test', './bench'], message: 'runtime/ never imports its consumers.' },
        ],
      }],
    },
  },
  {
    // Node-kind tests on hot paths: yaml's own go through the bundle's namespace getter.
    files: ['runtime/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...['isMap', 'isSeq', 'isScalar', 'isPair', 'isCollection', 'isNode', 'isAlias'].map((property) => ({ object: 'YAML', property, message: `use ${property} from runtime/common/yaml/nodes` }))],
    },
  },
  {
    files: ['protocol/**/*.ts', 'webviews/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'protocol/ and webviews/ never import vscode.' }] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
