import { Fragment, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AppDetail } from '../../../src-main/domain/apps/types';
import { api } from '../../api/client';
import { CopyButton } from '../../components/CopyButton';
import { DeleteButton } from '../../components/DeleteButton';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { Facts } from '../../components/Facts';
import { LoadState } from '../../components/LoadState';
import { ObjectRightsPanel } from '../../components/ObjectRightsPanel';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toasts';
import { formatMoment } from '../../format/dates';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useApiQuery } from '../../hooks/useApiQuery';
import { auditPaths } from '../audit/objectPaths';
import { NotFoundScreen } from '../NotFoundScreen';
import { AppIssuesSection } from './AppIssuesSection';
import { AppKeysSection } from './AppKeysSection';
import { AppLicensesSection } from './AppLicensesSection';
import { AppNotificationsSection } from './AppNotificationsSection';
import { appPaths } from './appPaths';
import { AppStatsSection } from './AppStatsSection';
import { ImportReportDialog } from './ImportReportDialog';

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/** Apps are named by their GUID in the route (`/apps/3f2b…`), not by a number. */
export function AppDetailScreen() {
  const id = useParams().id ?? '';
  const valid = GUID.test(id);
  const app = useApiQuery('app.get', valid ? { id } : null);
  if (!valid) return <NotFoundScreen />;
  return (
    <LoadState data={app.data} error={app.error} what="app" onRetry={app.reload}>
      {(loaded) => (
        <Fragment key={loaded.id}>
          <AppDetailView app={loaded} reload={app.reload} />
        </Fragment>
      )}
    </LoadState>
  );
}

type OpenDialog = 'rename' | 'import';

function AppDetailView({ app, reload }: { app: AppDetail; reload: () => void }) {
  const navigate = useNavigate();
  const toast = useToast();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  // Bumped after an import, so the issues and the chart load again.
  const [reportVersion, setReportVersion] = useState(0);

  return (
    <>
      <PageHeader
        title={app.displayName}
        subtitle={
          <span className="copyable">
            App id <code className="guid">{app.id}</code>
            <CopyButton text={app.id} what="app id" />
          </span>
        }
        back={{ to: appPaths.apps, label: 'Apps' }}
        actions={
          <>
            <button type="button" className="button" onClick={() => setDialog('import')}>
              Import report…
            </button>
            <button type="button" className="button" onClick={() => setDialog('rename')}>
              Rename
            </button>
            <Link className="button" to={auditPaths.forTarget('app', app.id)}>
              History
            </Link>
            <DeleteButton
              kind="app"
              name={app.displayName}
              consequence="Its app keys stop working, and its license links, issues, stats and notification subscriptions go with it. The licenses themselves stay. This cannot be undone."
              run={() => api('app.delete', { id: app.id })}
              onDeleted={() => {
                toast.success(`App “${app.displayName}” deleted.`);
                navigate(appPaths.apps, { replace: true });
              }}
            />
          </>
        }
      />
      <div className="card">
        <Facts
          facts={[
            { label: 'Licenses', value: app.licenseCount.toLocaleString() },
            { label: 'App keys', value: app.keyCount.toLocaleString() },
            { label: 'Issues reported', value: app.issueCount.toLocaleString() },
            { label: 'Added', value: formatMoment(app.createdAt) },
          ]}
        />
      </div>
      <AppLicensesSection app={app} onChanged={reload} />
      <AppKeysSection app={app} onChanged={reload} />
      <AppStatsSection app={app} version={reportVersion} />
      <AppIssuesSection app={app} version={reportVersion} />
      <AppNotificationsSection app={app} onChanged={reload} />
      <ObjectRightsPanel objectType="app" objectId={app.id} objectLabel={`app ${app.displayName}`} />

      {dialog === 'rename' && (
        <RenameAppDialog
          app={app}
          onClose={() => setDialog(null)}
          onRenamed={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog === 'import' && (
        <ImportReportDialog
          app={app}
          onClose={() => setDialog(null)}
          onImported={() => {
            setReportVersion((v) => v + 1);
            reload();
          }}
        />
      )}
    </>
  );
}

function RenameAppDialog({ app, onClose, onRenamed }: { app: AppDetail; onClose: () => void; onRenamed: () => void }) {
  const toast = useToast();
  const form = useApiForm();
  const [displayName, setDisplayName] = useState(app.displayName);

  async function submit() {
    const renamed = await form.submit('app.update', { id: app.id, displayName });
    if (!renamed) return;
    toast.success(`App renamed to “${renamed.displayName}”.`);
    onRenamed();
  }

  return (
    <Dialog
      title="Rename the app"
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Rename" busyLabel="Renaming…" onCancel={onClose} />}
    >
      <DialogRefusal form={form} fields={['displayName']} />
      <div className="dialog__fields">
        <TextField
          name="displayName"
          label="Display name"
          required
          autoFocus
          value={displayName}
          hint="Only the name changes; the app id and its keys stay the same."
          onChange={(v) => {
            setDisplayName(v);
            form.clearError('displayName');
          }}
          error={errorFor(form.errors, 'displayName')}
        />
      </div>
    </Dialog>
  );
}
