/** The architecture rule the linter enforces: only the Electron shell may import electron. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const source = `import { app } from 'electron';\nexport const name = app.getName();\n`;
const otherForms = [
  `import { app } from 'electron/main';\nexport const name = app.getName();\n`,
  `export const load = () => import('electron');\n`,
  `const electron = require('electron');\nexport const name = electron.app.getName();\n`,
];

async function electronImportErrors(filePath: string, text = source): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('electron stays out of domain code', () => {
  it.each([
    'src-main/domain/catalog/skus-electron.ts',
    'src-main/api/handlers-electron.ts',
    'src-main/store/open-electron.ts',
    'src-main/hosts/web/server-electron.ts',
    'src-main/hosts/cli/main-electron.ts',
    'src-renderer/electron-in-renderer.tsx',
  ])('the linter refuses `import … from "electron"` in %s', async (file) => {
    expect(await electronImportErrors(file)).toEqual([expect.stringMatching(/only src-main\/hosts\/electron may import electron/)]);
  });

  it.each(otherForms)('the linter also refuses %s in domain code', async (text) => {
    expect(await electronImportErrors('src-main/domain/catalog/other.ts', text)).toContainEqual(
      expect.stringMatching(/only src-main\/hosts\/electron may import electron/),
    );
  });

  it('the linter allows it in the Electron shell', async () => {
    expect(await electronImportErrors('src-main/hosts/electron/shell-window.ts')).toEqual([]);
  });
});
