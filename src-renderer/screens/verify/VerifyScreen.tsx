/**
 * Checks a license file here, in the page, with the very verifier vendors embed
 * (src-main/license/verifier: tweetnacl only). Only public keys are read from KeyHub;
 * the file is checked as you type and never sent anywhere.
 */
import { useMemo, useState } from 'react';
import { fingerprintOf, parsePublicKey, verifyLicense, type Verdict } from '../../../src-main/license/verifier';
import { PageHeader } from '../../components/PageHeader';
import { plural } from '../../format/numbers';
import { TextOrFileField } from '../../forms/FileFields';
import { CheckboxField, TextAreaField, TextField } from '../../forms/fields';
import { useApiQuery } from '../../hooks/useApiQuery';
import { VerdictView, type TrustedKey } from './VerdictView';

/** Read more than a license may hold, so an oversized file gets the verifier's own answer. */
const LICENSE_FILE_READ_LIMIT = 64 * 1024;

interface PastedKeys {
  keys: TrustedKey[];
  error?: string;
}

function pastedKeys(text: string): PastedKeys {
  const keys: TrustedKey[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    const bytes = parsePublicKey(trimmed);
    if (bytes) keys.push({ publicKey: trimmed, fingerprint: fingerprintOf(bytes), name: 'a key you pasted', fromStore: false });
    else bad.push(i + 1);
  });
  const error = bad.length
    ? `Line${bad.length === 1 ? '' : 's'} ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not a 32-byte Ed25519 public key in base64 or hex (left out).`
    : undefined;
  return { keys, error };
}

function featureCodes(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((code) => code.trim())
    .filter(Boolean);
}

export function VerifyScreen() {
  const storeKeys = useApiQuery('key.list', { includeRetired: true });
  const [licenseText, setLicenseText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [trustStore, setTrustStore] = useState(true);
  const [extraText, setExtraText] = useState('');
  const [domain, setDomain] = useState('');
  const [features, setFeatures] = useState('');
  const [at, setAt] = useState('');
  const [showExtra, setShowExtra] = useState(false);

  const pasted = useMemo(() => pastedKeys(extraText), [extraText]);
  const trusted = useMemo<TrustedKey[]>(
    () => [
      ...(trustStore
        ? (storeKeys.data ?? []).map((k) => ({
            publicKey: k.publicKey,
            fingerprint: k.fingerprint,
            name: `“${k.displayName}” (${k.vendorName}${k.retiredAt ? ', retired' : ''}) in KeyHub`,
            fromStore: true,
          }))
        : []),
      ...pasted.keys,
    ],
    [trustStore, storeKeys.data, pasted.keys],
  );
  const atTime = at ? new Date(at) : undefined;
  const atError = atTime && Number.isNaN(atTime.getTime()) ? 'Enter a full date and time, or clear the field.' : undefined;
  const waitingForKeys = trustStore && !storeKeys.data && !storeKeys.error;

  const verdict = useMemo<Verdict | null>(() => {
    if (!licenseText.trim() || waitingForKeys || atError) return null;
    return verifyLicense(licenseText, {
      publicKeys: trusted.map((k) => k.publicKey),
      ...(domain.trim() ? { domain } : {}),
      ...(featureCodes(features).length ? { features: featureCodes(features) } : {}),
      ...(atTime ? { at: atTime } : {}),
    });
    // atTime is rebuilt from `at` each render; `at` is its identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [licenseText, waitingForKeys, atError, trusted, domain, features, at]);

  const storeCount = storeKeys.data?.length ?? 0;
  return (
    <>
      <PageHeader
        title="Verify license"
        subtitle="Check a license file the way your product does: offline, with public keys only. It is checked in this window as you type and sent nowhere."
      />
      <form className="form card verify-form" noValidate onSubmit={(event) => event.preventDefault()}>
        <div className="verify-form__file">
          <TextOrFileField
            name="license"
            label="License file"
            autoFocus
            rows={11}
            maxBytes={LICENSE_FILE_READ_LIMIT}
            accept=".lic,.license,.txt,text/plain"
            placeholder={'-----BEGIN KEYHUB LICENSE-----\nFormat: 1\n…\n-----END KEYHUB LICENSE-----'}
            hint={fileName ? `From ${fileName}.` : 'Paste it, with or without the email around it.'}
            value={licenseText}
            onChange={(v) => {
              setLicenseText(v);
              setFileName(null);
            }}
            onFileRead={setFileName}
          />
        </div>
        <div className="verify-form__options">
          <TextField name="domain" label="Domain" value={domain} onChange={setDomain} placeholder="e.g. shop.example.com" hint="Where the product runs. Blank: not checked." />
          <TextField name="features" label="Feature codes" code value={features} onChange={setFeatures} placeholder="e.g. export-pdf, batch" hint="Each must be licensed. Blank: none." />
          <TextField name="at" type="datetime-local" label="Judge at" value={at} onChange={setAt} error={atError} hint="Your local time. Blank: now." />
          <CheckboxField
            name="trustStore"
            label={storeKeys.error ? 'Trust the keys in KeyHub (they could not be loaded)' : `Trust every key in KeyHub (${plural(storeCount, 'public key')}, retired ones too)`}
            hint={storeKeys.error?.message}
            checked={trustStore}
            onChange={setTrustStore}
          />
          {showExtra ? (
            <TextAreaField
              name="extraKeys"
              label="Other trusted public keys"
              code
              autoFocus
              rows={3}
              value={extraText}
              onChange={setExtraText}
              error={pasted.error}
              placeholder="Base64 or hex, one per line"
              hint="Keys your product embeds that this KeyHub does not hold."
            />
          ) : (
            <button type="button" className="button button--small verify-form__add-key" onClick={() => setShowExtra(true)}>
              Trust another public key…
            </button>
          )}
        </div>
      </form>
      {verdict ? (
        <VerdictView verdict={verdict} trusted={trusted} />
      ) : (
        <p className="verify-waiting muted">{waitingForKeys && licenseText.trim() ? 'Loading the public keys…' : 'Paste a license file, or choose one, to see its verdict.'}</p>
      )}
    </>
  );
}
