import type { PackageDetail, Release } from '../../../../src-main/domain/catalog/types';
import { PageHeader } from '../../../components/PageHeader';
import { dateForApi, todayInput, toDateInput } from '../../../format/dates';
import { STABILITY_OPTIONS } from '../../../format/stability';
import { DateField, SelectField, TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { textOf } from '../../../forms/text';
import { useRecordForm } from '../../../forms/useRecordForm';
import { NotFoundScreen } from '../../NotFoundScreen';
import { paths } from '../shared/paths';
import { RouteRecord } from '../shared/RouteRecord';

/** The package is loaded too: the form shows its name and starts a new release with it. */
export function NewReleaseScreen() {
  return (
    <RouteRecord method="package.get" what="package">
      {(pkg) => <ReleaseForm pkg={pkg} />}
    </RouteRecord>
  );
}

export function EditReleaseScreen() {
  return (
    <RouteRecord method="package.get" what="package">
      {(pkg) => (
        <RouteRecord method="release.get" what="release" param="releaseId">
          {(release) => (release.packageId === pkg.id ? <ReleaseForm pkg={pkg} release={release} /> : <NotFoundScreen />)}
        </RouteRecord>
      )}
    </RouteRecord>
  );
}

type ReleaseValues = ReturnType<typeof releaseValues>;

function releaseValues(pkg: PackageDetail, release: Release | undefined) {
  return {
    version: textOf(release?.version),
    displayName: release?.displayName ?? pkg.displayName,
    stability: String(release?.stability ?? 0),
    releaseDate: release ? toDateInput(release.releaseDate) : todayInput(),
    notesUrl: textOf(release?.notesUrl),
    downloadUrl: textOf(release?.downloadUrl),
  };
}

function releaseInput(values: ReleaseValues, release: Release | undefined) {
  return {
    displayName: values.displayName,
    version: values.version,
    stability: Number(values.stability),
    // A required date: blank is sent as blank so zod words the message.
    releaseDate: dateForApi(values.releaseDate, release?.releaseDate) ?? '',
    notesUrl: values.notesUrl,
    downloadUrl: values.downloadUrl,
  };
}

const STABILITY_CHOICES = STABILITY_OPTIONS.map((o) => ({ value: String(o.value), label: o.label }));

function ReleaseForm({ pkg, release }: { pkg: PackageDetail; release?: Release }) {
  const form = useRecordForm({
    record: release,
    initialValues: () => releaseValues(pkg, release),
    create: { method: 'release.create', input: (values) => ({ ...releaseInput(values, undefined), packageId: pkg.id }) },
    update: { method: 'release.update', input: (values, r) => ({ ...releaseInput(values, r), id: r.id }) },
    afterSave: (saved, added) => ({
      message: added ? `Release ${saved.version} added to ${pkg.displayName}.` : `Release ${saved.version} saved.`,
      to: paths.package(pkg.id),
    }),
    leaveTo: paths.package(pkg.id),
  });
  const { values, set, error } = form;

  return (
    <>
      <PageHeader
        title={release ? `Edit release ${release.version}` : `Add a release of ${pkg.displayName}`}
        back={{ to: paths.package(pkg.id), label: pkg.displayName }}
      />
      <FormShell form={form.controls} submitLabel={release ? 'Save changes' : 'Add release'}>
        <FormSection title="Release">
          <TextField name="version" label="Version" required code autoFocus value={values.version} onChange={(v) => set('version', v)} error={error('version')} placeholder="3.2.0" hint="Unique within the package." />
          <TextField name="displayName" label="Name" required value={values.displayName} onChange={(v) => set('displayName', v)} error={error('displayName')} />
          <SelectField name="stability" label="Stability" value={values.stability} onChange={(v) => set('stability', v)} options={STABILITY_CHOICES} error={error('stability')} />
          <DateField name="releaseDate" label="Release date" required value={values.releaseDate} onChange={(v) => set('releaseDate', v)} error={error('releaseDate')} />
        </FormSection>
        <FormSection title="Links" description="Optional. http or https addresses.">
          <TextField name="notesUrl" label="Release notes URL" type="url" wide value={values.notesUrl} onChange={(v) => set('notesUrl', v)} error={error('notesUrl')} placeholder="https://example.com/releases/3.2.0" />
          <TextField name="downloadUrl" label="Download URL" type="url" wide value={values.downloadUrl} onChange={(v) => set('downloadUrl', v)} error={error('downloadUrl')} placeholder="https://example.com/downloads/setup-3.2.0.exe" />
        </FormSection>
      </FormShell>
    </>
  );
}
