import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': ['error', { paths: LSP_AND_EDITOR.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'runtime/ is pure Node: no editor or LSP imports (DESIGN.md).' })), patterns: LSP_AND_EDITOR.filter((p) => p.includes('*')).map((group) => ({ group: [group], message: 'runtime/ is pure Node.' })) }],
    },
  },
  {
    // Node-kind tests on hot paths: yaml's own go through the bundle's namespace getter.
    files: ['runtime/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...['isMap', 'isSeq', 'isScalar', 'isPair', 'isCollection', 'isNode', 'isAlias'].map((property) => ({ object: 'YAML', property, message: `use ${property} from runtime/common/yaml-kinds` }))],
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
