/**
 * Adding an app: a name and at least one license (an app without one would be
 * orphaned). Its GUID is made by KeyHub unless the app already has one.
 */
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { RecordPicker, type PickedRecord } from '../../components/RecordPicker';
import { licenseLabel, searchLicenses } from '../../components/recordSearches';
import { useToast } from '../../components/Toasts';
import { TextField } from '../../forms/fields';
import { FormSection, FormShell, type FormControls } from '../../forms/FormShell';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useFormValues } from '../../forms/useFormValues';
import { useUnsavedChangesGuard } from '../../forms/useUnsavedChangesGuard';
import { useApiQuery } from '../../hooks/useApiQuery';
import { appPaths } from './appPaths';

export function NewAppScreen() {
  const [params] = useSearchParams();
  const presetId = Number(params.get('licenseId'));
  const preset = useApiQuery('license.get', Number.isSafeInteger(presetId) && presetId > 0 ? { id: presetId } : null);
  // Wait for the preset license's name, so the form starts with it (and is not "changed" by it).
  if (presetId > 0 && !preset.data && !preset.error) return <p className="loading">Loading…</p>;
  const first = preset.data ? [{ value: String(preset.data.id), label: licenseLabel(preset.data), detail: preset.data.sku }] : [];
  return <NewAppForm initialLicenses={first} />;
}

function NewAppForm({ initialLicenses }: { initialLicenses: PickedRecord[] }) {
  const navigate = useNavigate();
  const toast = useToast();
  const apiForm = useApiForm();
  const { values, set, dirty } = useFormValues({ displayName: '', id: '', licenses: initialLicenses }, apiForm.clearError);
  const guard = useUnsavedChangesGuard(dirty);

  async function save() {
    if (values.licenses.length === 0) return apiForm.reject({ licenseIds: 'Choose at least one license for the app.' });
    const app = await apiForm.submit('app.create', {
      displayName: values.displayName,
      licenseIds: values.licenses.map((l) => Number(l.value)),
      ...(values.id.trim() ? { id: values.id } : {}),
    });
    if (!app) return;
    toast.success(`App “${app.displayName}” added.`);
    guard.leaveWithoutAsking(() => navigate(appPaths.app(app.id), { replace: true }));
  }

  const controls: FormControls = {
    save: () => void save(),
    leave: () => navigate(appPaths.apps),
    leaveQuestion: guard.question,
    saving: apiForm.saving,
    banner: apiForm.banner,
    failures: apiForm.failures,
  };

  function addLicense(picked: PickedRecord | null) {
    if (!picked || values.licenses.some((l) => l.value === picked.value)) return;
    set('licenses', [...values.licenses, picked]);
    apiForm.clearError('licenseIds');
  }

  return (
    <>
      <PageHeader title="Add an app" subtitle="An application that checks licenses. It starts bound to at least one license." back={{ to: appPaths.apps, label: 'Apps' }} />
      <FormShell form={controls} submitLabel="Add app">
        <FormSection title="App">
          <TextField name="displayName" label="Display name" required autoFocus value={values.displayName} onChange={(v) => set('displayName', v)} error={errorFor(apiForm.errors, 'displayName')} placeholder="Shop site" />
          <TextField
            name="id"
            label="App id"
            code
            value={values.id}
            onChange={(v) => set('id', v)}
            error={errorFor(apiForm.errors, 'id')}
            placeholder="Leave blank for a new GUID"
            hint="Only when the app already has a GUID of its own."
          />
        </FormSection>
        <FormSection title="Licenses" description="The licenses the app runs under. Link more, or unlink, on the app’s page later; its last one always stays.">
          <RecordPicker
            name="licenseIds"
            label="Add a license"
            required
            wide
            search={searchLicenses}
            value={null}
            onChange={addLicense}
            placeholder="Search by owner, customer, domain or license id"
            noMatch="No license matches."
            error={errorFor(apiForm.errors, 'licenseIds')}
          />
          <div className="field field--wide">
            {values.licenses.length === 0 ? (
              <p className="muted">No license chosen yet.</p>
            ) : (
              <ul className="ref-list picked-list" aria-label="Chosen licenses">
                {values.licenses.map((l) => (
                  <li key={l.value}>
                    <span>{l.label}</span>
                    {l.detail && <span className="muted">{l.detail}</span>}
                    <button
                      type="button"
                      className="button button--small picked-list__remove"
                      aria-label={`Remove ${l.label}`}
                      onClick={() => set('licenses', values.licenses.filter((other) => other.value !== l.value))}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </FormSection>
      </FormShell>
    </>
  );
}
