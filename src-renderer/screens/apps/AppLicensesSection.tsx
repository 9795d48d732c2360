/**
 * The licenses an app runs under: link another, unlink one. The last one cannot be
 * unlinked (the app would be orphaned); KeyHub says so, and the dialog shows it.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { AppDetail } from '../../../src-main/domain/apps/types';
import { api } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { EmptyState } from '../../components/EmptyState';
import { RecordPicker, type PickedRecord } from '../../components/RecordPicker';
import { searchLicenses } from '../../components/recordSearches';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { LicenseStateBadge } from '../licenses/LicenseBadges';
import { licensePaths } from '../licenses/licensePaths';

export function AppLicensesSection({ app, onChanged }: { app: AppDetail; onChanged: () => void }) {
  const toast = useToast();
  const [linking, setLinking] = useState(false);
  return (
    <Section
      title="Licenses"
      count={app.licenses.length}
      actions={
        <button type="button" className="button button--small" onClick={() => setLinking(true)}>
          Link a license…
        </button>
      }
    >
      {app.licenses.length === 0 ? (
        <EmptyState compact title="This app has no license.">
          <p>Link one: an app runs under at least one license.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Licenses of {app.displayName}</caption>
            <thead>
              <tr>
                <th scope="col">License</th>
                <th scope="col">Owner</th>
                <th scope="col">SKU</th>
                <th scope="col">State</th>
                <th scope="col" className="cell--end">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {app.licenses.map((license) => (
                <tr key={license.id}>
                  <td className="cell--nowrap">
                    <Link className="code" to={licensePaths.license(license.id)} aria-label={`License ${license.id}`}>
                      #{license.id}
                    </Link>
                  </td>
                  <td>{license.ownerName}</td>
                  <td className="cell--nowrap">
                    <span className="code">{license.sku}</span>
                  </td>
                  <td className="cell--nowrap">
                    <LicenseStateBadge state={license.state} />
                  </td>
                  <td className="cell--end">
                    <ConfirmButton
                      small
                      label="Unlink"
                      ariaLabel={`Unlink license ${license.id}`}
                      title={`Unlink license ${license.id} from ${app.displayName}?`}
                      confirmLabel="Unlink license"
                      busyLabel="Unlinking…"
                      refusedTitle={`License ${license.id} was not unlinked`}
                      run={() => api('app.unlinkLicense', { appId: app.id, licenseId: license.id })}
                      onDone={() => {
                        toast.success(`License ${license.id} unlinked from ${app.displayName}.`);
                        onChanged();
                      }}
                    >
                      <p>
                        The app no longer runs under license {license.id} ({license.ownerName}). The license itself stays as it is.
                      </p>
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {linking && (
        <LinkLicenseDialog
          app={app}
          onClose={() => setLinking(false)}
          onLinked={() => {
            setLinking(false);
            onChanged();
          }}
        />
      )}
    </Section>
  );
}

function LinkLicenseDialog({ app, onClose, onLinked }: { app: AppDetail; onClose: () => void; onLinked: () => void }) {
  const toast = useToast();
  const form = useApiForm();
  const [picked, setPicked] = useState<PickedRecord | null>(null);

  async function submit() {
    if (!picked) return form.reject({ licenseId: 'Choose the license to link.' });
    const linked = await form.submit('app.linkLicense', { appId: app.id, licenseId: Number(picked.value) });
    if (!linked) return;
    toast.success(`${picked.label} linked to ${app.displayName}.`);
    onLinked();
  }

  return (
    <Dialog
      title={`Link a license to ${app.displayName}`}
      wide
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Link license" busyLabel="Linking…" onCancel={onClose} />}
    >
      <DialogRefusal form={form} fields={['licenseId']} />
      <div className="dialog__fields">
        <RecordPicker
          name="licenseId"
          label="License"
          required
          autoFocus
          search={searchLicenses}
          value={picked}
          placeholder="Search by owner, customer, domain or license id"
          noMatch="No license matches."
          onChange={(p) => {
            setPicked(p);
            form.clearError('licenseId');
          }}
          error={errorFor(form.errors, 'licenseId')}
        />
      </div>
    </Dialog>
  );
}
