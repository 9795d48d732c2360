/**
 * The license's current signed file (re-signed after renewals, transfers and key
 * rotations): shown, copied, or downloaded to send to the customer.
 */
import { useEffect } from 'react';
import type { LicenseDetail } from '../../../../src-main/domain/licenses/types';
import { downloadText } from '../../../api/download';
import { CopyButton } from '../../../components/CopyButton';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { groupFingerprint } from '../../../format/keys';
import { useApiQuery } from '../../../hooks/useApiQuery';

export function licenseFileName(licenseId: number): string {
  return `license-${licenseId}.license`;
}

export function LicenseFileSection({ license, version }: { license: LicenseDetail; version: number }) {
  const file = useApiQuery('license.file', license.hasFile ? { licenseId: license.id } : null);
  const { reload } = file;
  // Renewing or transferring re-signs the file: read it again.
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const text = file.data?.file;
  return (
    <Section
      title="License file"
      actions={
        text && (
          <span className="button-row">
            <CopyButton text={text} what="license file" />
            <button type="button" className="button button--small" onClick={() => downloadText(licenseFileName(license.id), text, 'text/plain')}>
              Download
            </button>
          </span>
        )
      }
    >
      {!license.hasFile ? (
        <EmptyState compact title="This license has no signed file." />
      ) : file.error ? (
        <p className="refusal" role="alert">
          {file.error.message}
        </p>
      ) : !text ? (
        <p className="loading" aria-busy="true">
          Loading the file…
        </p>
      ) : (
        <>
          <p className="section__intro muted">
            Signed{license.keyFingerprint ? ` with key ${groupFingerprint(license.keyFingerprint)}` : ''}. Products check it offline with the vendor’s public key.
          </p>
          <pre className="license-file" aria-label={`License file of license ${license.id}`}>
            {text}
          </pre>
        </>
      )}
    </Section>
  );
}
