import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electronMessage =
  'Domain code runs on plain Node: only src-main/hosts/electron may import electron (ARCHITECTURE.md).';
const noElectron = {
  paths: [{ name: 'electron', message: electronMessage }],
  patterns: [{ group: ['electron/*'], message: electronMessage }],
};
// Dynamic import('electron') and require('electron') get around no-restricted-imports.
const noElectronLoads = [
  { selector: "ImportExpression[source.value=/^electron(\\/|$)/]", message: electronMessage },
  { selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/|$)/]", message: electronMessage },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'db/migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', noElectron],
      'no-restricted-syntax': ['error', ...noElectronLoads],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-main/hosts/electron/**', 'test/e2e/electron*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
);
