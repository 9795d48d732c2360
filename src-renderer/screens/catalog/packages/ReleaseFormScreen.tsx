import { useNavigate, useParams } from 'react-router';
import type { PackageDetail, Release } from '../../../../src-main/domain/catalog/types';
import { LoadState } from '../../../components/LoadState';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toasts';
import { dateForApi, todayInput, toDateInput } from '../../../format/dates';
import { STABILITY_OPTIONS } from '../../../format/stability';
import { DateField, SelectField, TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { textOf } from '../../../forms/text';
import { errorFor, useApiForm } from '../../../forms/useApiForm';
import { useFormValues } from '../../../forms/useFormValues';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { paths } from '../shared/paths';
import { useRouteId } from '../shared/useRouteId';
import { NotFoundScreen } from '../../NotFoundScreen';

/** Both routes load the package: the form needs its name, and an edit finds its release in it. */
export function ReleaseFormScreen() {
  const packageId = useRouteId('id');
  const releaseId = useRouteId('releaseId');
  const editing = useParams().releaseId !== undefined;
  const pkg = useApiQuery('package.get', packageId ? { id: packageId } : null);
  if (!packageId || (editing && !releaseId)) return <NotFoundScreen />;
  return (
    <LoadState data={pkg.data} error={pkg.error} what="package" onRetry={pkg.reload}>
      {(p) => {
        const release = releaseId ? p.releases.find((r) => r.id === releaseId) : undefined;
        if (releaseId && !release) {
          return <p className="empty-state">This release does not exist (any more).</p>;
        }
        return <ReleaseForm pkg={p} release={release} />;
      }}
    </LoadState>
  );
}

function ReleaseForm({ pkg, release }: { pkg: PackageDetail; release?: Release }) {
  const navigate = useNavigate();
  const toast = useToast();
  const create = useApiForm('release.create');
  const update = useApiForm('release.update');
  const form = release ? update : create;
  const { values, set } = useFormValues(
    {
      version: textOf(release?.version),
      displayName: release?.displayName ?? pkg.displayName,
      stability: String(release?.stability ?? 0),
      releaseDate: release ? toDateInput(release.releaseDate) : todayInput(),
      notesUrl: textOf(release?.notesUrl),
      downloadUrl: textOf(release?.downloadUrl),
    },
    form.clearError,
  );

  const back = () => navigate(paths.package(pkg.id));

  async function save() {
    const fields = {
      displayName: values.displayName,
      version: values.version,
      stability: Number(values.stability),
      // A required date: blank is sent as blank so zod words the message.
      releaseDate: dateForApi(values.releaseDate, release?.releaseDate) ?? '',
      notesUrl: values.notesUrl,
      downloadUrl: values.downloadUrl,
    };
    const saved = release
      ? await update.submit({ ...fields, id: release.id })
      : await create.submit({ ...fields, packageId: pkg.id });
    if (!saved) return;
    toast.success(release ? `Release ${saved.version} saved.` : `Release ${saved.version} added to ${pkg.displayName}.`);
    navigate(paths.package(pkg.id), { replace: true });
  }

  const err = (field: string) => errorFor(form.errors, field);
  return (
    <>
      <PageHeader
        title={release ? `Edit release ${release.version}` : `Add a release of ${pkg.displayName}`}
        back={{ to: paths.package(pkg.id), label: pkg.displayName }}
      />
      <FormShell onSubmit={save} onCancel={back} saving={form.saving} submitLabel={release ? 'Save changes' : 'Add release'} banner={form.banner} failures={form.failures}>
        <FormSection title="Release">
          <TextField name="version" label="Version" required code autoFocus value={values.version} onChange={(v) => set('version', v)} error={err('version')} placeholder="3.2.0" hint="Unique within the package." />
          <TextField name="displayName" label="Name" required value={values.displayName} onChange={(v) => set('displayName', v)} error={err('displayName')} />
          <SelectField name="stability" label="Stability" value={values.stability} onChange={(v) => set('stability', v)} options={STABILITY_OPTIONS.map((o) => ({ value: String(o.value), label: o.label }))} error={err('stability')} />
          <DateField name="releaseDate" label="Release date" required value={values.releaseDate} onChange={(v) => set('releaseDate', v)} error={err('releaseDate')} />
        </FormSection>
        <FormSection title="Links" description="Optional. http or https addresses.">
          <TextField name="notesUrl" label="Release notes URL" type="url" wide value={values.notesUrl} onChange={(v) => set('notesUrl', v)} error={err('notesUrl')} placeholder="https://example.com/releases/3.2.0" />
          <TextField name="downloadUrl" label="Download URL" type="url" wide value={values.downloadUrl} onChange={(v) => set('downloadUrl', v)} error={err('downloadUrl')} placeholder="https://example.com/downloads/setup-3.2.0.exe" />
        </FormSection>
      </FormShell>
    </>
  );
}
