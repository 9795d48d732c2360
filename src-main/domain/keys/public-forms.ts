/** The forms of a public key a vendor pastes into a product. */
import type { PublicKeySnippet } from './types';

export function publicKeySnippets(publicKeyBase64: string, fingerprint: string): PublicKeySnippet[] {
  return [
    {
      language: 'javascript',
      label: 'JavaScript / TypeScript',
      code: [
        `import { verifyLicense } from 'keyhub/verifier';`,
        ``,
        `// KeyHub signing key ${fingerprint}`,
        `const KEYHUB_PUBLIC_KEYS = ['${publicKeyBase64}'];`,
        `const verdict = verifyLicense(licenseText, { publicKeys: KEYHUB_PUBLIC_KEYS, domain: location.hostname });`,
        `if (!verdict.valid) console.warn(verdict.reasons.map((r) => r.message).join('\\n'));`,
      ].join('\n'),
    },
    {
      language: 'csharp',
      label: 'C#',
      code: [
        `// KeyHub signing key ${fingerprint}`,
        `static readonly byte[] KeyHubPublicKey = Convert.FromBase64String("${publicKeyBase64}");`,
      ].join('\n'),
    },
    {
      language: 'text',
      label: 'Config file',
      code: `keyhub_public_key = ${publicKeyBase64}  # key id ${fingerprint}`,
    },
  ];
}
