/**
 * Issue a license: a SKU (its rules shown as they apply), the owner (a name, a customer
 * or both), who bought it, when it expires, its first domains and support contacts.
 * Signing needs the keys unlocked: a locked vault asks, then the license is issued.
 */
import { addDays } from 'date-fns';
import { useNavigate, useSearchParams } from 'react-router';
import type { SkuRow } from '../../../src-main/domain/catalog/types';
import { availabilityLabel, AvailabilityBadge } from '../../components/Badges';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toasts';
import { dateForApi, formatDay } from '../../format/dates';
import { plural } from '../../format/numbers';
import { ChoiceList } from '../../forms/ChoiceList';
import { incompleteDateErrors, type DateInput } from '../../forms/dateInput';
import { DateField, SelectField, TextAreaField, TextField } from '../../forms/fields';
import { FormSection, FormShell, type FormControls } from '../../forms/FormShell';
import { errorFor, useApiForm, type FieldErrors } from '../../forms/useApiForm';
import { useFormValues } from '../../forms/useFormValues';
import { useUnsavedChangesGuard } from '../../forms/useUnsavedChangesGuard';
import { useApiQuery, useWholeList } from '../../hooks/useApiQuery';
import { useVault } from '../keys/VaultContext';
import { RecordPicker, type PickedRecord } from '../../components/RecordPicker';
import { searchCustomers } from '../../components/recordSearches';
import { customerIdOf, pickedCustomer } from './customerChoice';
import { licensePaths } from './licensePaths';
import { durationWords } from './licenseWords';
import { useUserChoices } from './useUserChoices';

type ExpiryMode = 'sku' | 'date' | 'never';

interface IssueValues {
  skuId: string;
  overrideReason: string;
  owner: string;
  owning: PickedRecord | null;
  purchasing: PickedRecord | null;
  expiryMode: ExpiryMode;
  expires: DateInput;
  domains: string;
  supportContactIds: number[];
  message: string;
}

const INITIAL: IssueValues = {
  skuId: '',
  overrideReason: '',
  owner: '',
  owning: null,
  purchasing: null,
  expiryMode: 'sku',
  expires: '',
  domains: '',
  supportContactIds: [],
  message: '',
};

/** One domain a line; blank lines are nothing. */
export function domainLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Why a SKU outside its sale window needs a reason, or null when it is on sale. */
export function saleWindowProblem(sku: Pick<SkuRow, 'sku' | 'availability' | 'releaseDate' | 'expirationDate'>): string | null {
  if (sku.availability === 'upcoming') return `SKU ${sku.sku} is not on sale until ${formatDay(sku.releaseDate)}.`;
  if (sku.availability === 'retired') return `SKU ${sku.sku} was retired on ${formatDay(sku.expirationDate)} and is no longer sold.`;
  return null;
}

function skuLabel(sku: SkuRow): string {
  const name = sku.name ? ` — ${sku.name}` : '';
  const availability = sku.availability === 'on_sale' ? '' : ` · ${availabilityLabel(sku.availability)}`;
  return `${sku.sku}${name} (${sku.vendorName})${availability}`;
}

/** What "expiry from the SKU" means today: "365 days: until 21 Nov 2027", or never. */
function skuExpiryWords(sku: SkuRow | undefined): string {
  if (!sku) return 'From the SKU';
  if (sku.licenseDuration === null) return 'From the SKU: never (perpetual)';
  const until = addDays(new Date(), sku.licenseDuration).toISOString();
  return `From the SKU: ${durationWords(sku.licenseDuration)}, until ${formatDay(until)}`;
}

/** `/licenses/new?customerId=3` (from a customer's page) starts with that customer as the owner. */
export function IssueLicenseScreen() {
  const [params] = useSearchParams();
  const customerId = Number(params.get('customerId'));
  const preset = useApiQuery('customer.get', Number.isSafeInteger(customerId) && customerId > 0 ? { id: customerId } : null);
  if (customerId > 0 && preset.data === undefined && !preset.error) return <p className="loading" aria-busy="true">Loading the customer…</p>;
  return <IssueLicenseForm key={customerId} owning={preset.data ? pickedCustomer(preset.data.id, preset.data.name) : null} />;
}

function IssueLicenseForm({ owning }: { owning: PickedRecord | null }) {
  const navigate = useNavigate();
  const toast = useToast();
  const vault = useVault();
  const apiForm = useApiForm();
  const { values, set, dirty } = useFormValues<IssueValues>(() => ({ ...INITIAL, owning }), apiForm.clearError);
  const guard = useUnsavedChangesGuard(dirty);
  const skus = useWholeList('sku.list', { sort: 'sku', dir: 'asc' });
  const users = useUserChoices();
  const sku = skus.data?.find((s) => String(s.id) === values.skuId);
  const detail = useApiQuery('sku.get', sku ? { id: sku.id } : null);
  const windowProblem = sku ? saleWindowProblem(sku) : null;
  const error = (field: string) => errorFor(apiForm.errors, field);

  function check(): FieldErrors {
    const errors: FieldErrors = { ...incompleteDateErrors({ expires: values.expires }) };
    if (!sku) errors.skuId = 'Choose the SKU to issue.';
    if (windowProblem && !values.overrideReason.trim()) errors['override.reason'] = 'Give the reason for issuing outside the sale window; the audit log keeps it.';
    if (!values.owner.trim() && !values.owning) errors.owner = 'Give an owner name or choose the owning customer.';
    if (values.expiryMode === 'date' && values.expires === '') errors.expires = 'Choose the expiry date.';
    const max = sku?.maxSupportContacts;
    if (max !== null && max !== undefined && values.supportContactIds.length > max) {
      errors.supportContactIds = `SKU ${sku?.sku} allows ${plural(max, 'support contact')}; ${values.supportContactIds.length} are chosen.`;
    }
    return errors;
  }

  async function save() {
    const refusals = check();
    if (Object.keys(refusals).length > 0) return apiForm.reject(refusals);
    const signed = await apiForm.submit(
      'license.issue',
      {
        skuId: Number(values.skuId),
        owner: values.owner.trim() || undefined,
        owningEntityId: customerIdOf(values.owning) ?? undefined,
        purchasingEntityId: customerIdOf(values.purchasing) ?? undefined,
        domains: domainLines(values.domains),
        expires: values.expiryMode === 'sku' ? undefined : values.expiryMode === 'never' ? null : (dateForApi(values.expires, null) ?? undefined),
        message: values.message.trim() || null,
        supportContactIds: values.supportContactIds,
        override: windowProblem ? { reason: values.overrideReason } : undefined,
      },
      vault.recoverLocked,
    );
    if (!signed) return;
    const owner = values.owner.trim() || values.owning?.label;
    toast.success(`License ${signed.licenseId} issued to ${owner}.`);
    guard.leaveWithoutAsking(() => navigate(licensePaths.license(signed.licenseId), { replace: true }));
  }

  const controls: FormControls = {
    save: () => void save(),
    leave: () => navigate(licensePaths.licenses),
    leaveQuestion: guard.question,
    saving: apiForm.saving,
    banner: apiForm.banner,
    failures: apiForm.failures,
  };

  const skuOptions = (skus.data ?? []).map((s) => ({ value: String(s.id), label: skuLabel(s) }));
  const maxContacts = sku?.maxSupportContacts ?? null;
  const features = detail.data?.features.map((f) => f.code) ?? [];

  return (
    <>
      <PageHeader
        title="Issue a license"
        subtitle="Signed with the SKU’s key; its features and durations come from the SKU."
        back={{ to: licensePaths.licenses, label: 'Licenses' }}
      />
      <FormShell form={controls} submitLabel="Issue license">
        <FormSection title="What">
          <SelectField
            name="skuId"
            label="SKU"
            required
            autoFocus
            value={values.skuId}
            onChange={(v) => {
              set('skuId', v);
              apiForm.clearError('override');
            }}
            options={skuOptions}
            placeholder={skus.data === undefined ? 'Loading SKUs…' : skuOptions.length ? 'Choose a SKU…' : 'No SKUs yet: add one in the catalog first'}
            error={error('skuId') ?? skus.error?.message}
          />
          {sku && (
            <div className="field sku-summary" aria-live="polite">
              <span className="field__label">
                {sku.sku} <AvailabilityBadge availability={sku.availability} />
              </span>
              <ul className="sku-summary__rules">
                <li>{sku.licenseDuration === null ? 'Licenses never expire (perpetual).' : `Licenses last ${plural(sku.licenseDuration, 'day')}.`}</li>
                <li>{sku.maxDomains === null ? 'Any number of domains.' : `Up to ${plural(sku.maxDomains, 'domain')}.`}</li>
                <li>{maxContacts === null ? 'Any number of support contacts.' : `Up to ${plural(maxContacts, 'support contact')}.`}</li>
                <li>{features.length ? `Grants ${features.join(', ')}.` : detail.data ? 'Grants no feature codes.' : 'Loading its feature codes…'}</li>
              </ul>
            </div>
          )}
          {windowProblem && (
            <TextField
              name="override.reason"
              label="Reason to issue anyway"
              required
              wide
              value={values.overrideReason}
              onChange={(v) => {
                set('overrideReason', v);
                apiForm.clearError('override');
              }}
              hint={`${windowProblem} Staff may still issue it with a reason, which the audit log keeps.`}
              error={error('override')}
            />
          )}
        </FormSection>

        <FormSection title="Who" description="Give the owner’s name, choose the customer that owns it, or both (the name then defaults to the customer’s).">
          <TextField name="owner" label="Owner name" value={values.owner} onChange={(v) => set('owner', v)} error={error('owner')} placeholder="As it appears in the license file" />
          <RecordPicker
            name="owningEntityId"
            label="Owning customer"
            value={values.owning}
            onChange={(v) => set('owning', v)}
            search={searchCustomers}
            placeholder="Type a name or email…"
            noMatch="No customer matches."
            error={error('owningEntityId')}
            hint="The organisation or person the license belongs to."
          />
          <RecordPicker
            name="purchasingEntityId"
            label="Purchasing customer"
            value={values.purchasing}
            onChange={(v) => set('purchasing', v)}
            search={searchCustomers}
            placeholder="Type a name or email…"
            noMatch="No customer matches."
            error={error('purchasingEntityId')}
            hint="Who paid, when not the owner (a reseller)."
          />
        </FormSection>

        <FormSection title="When">
          <SelectField
            name="expiryMode"
            label="Expiry"
            value={values.expiryMode}
            onChange={(v) => set('expiryMode', v as ExpiryMode)}
            options={[
              { value: 'sku', label: skuExpiryWords(sku) },
              { value: 'date', label: 'On a date…' },
              { value: 'never', label: 'Never (perpetual)' },
            ]}
            error={values.expiryMode === 'date' ? undefined : error('expires')}
          />
          {values.expiryMode === 'date' && (
            <DateField name="expires" label="Expires on" required value={values.expires} onChange={(v) => set('expires', v)} error={error('expires')} hint="At midnight UTC at the start of that day." />
          )}
        </FormSection>

        <FormSection title="Domains and people">
          <TextAreaField
            name="domains"
            label="Domains"
            rows={4}
            code
            value={values.domains}
            onChange={(v) => set('domains', v)}
            error={error('domains')}
            placeholder={'example.com\nshop.example.org'}
            hint={`One a line; “www.” is taken off. Each becomes a manual domain license${sku ? ` (${sku.manualDomainDuration === null ? 'no expiry' : `${plural(sku.manualDomainDuration, 'day')} each`}${sku.maxDomains === null ? '' : `, at most ${sku.maxDomains}`})` : ''}. Ctrl+Enter issues.`}
          />
          <div className="field field--wide">
            <ChoiceList
              name="supportContactIds"
              legend={maxContacts === null ? 'Support contacts' : `Support contacts (at most ${maxContacts})`}
              choices={users.choices}
              selected={values.supportContactIds}
              onChange={(ids) => set('supportContactIds', ids)}
              loading={users.loading}
              error={error('supportContactIds')}
              empty={<p className="muted">No users yet. Support contacts are users: staff or a customer’s contacts.</p>}
            />
          </div>
          <TextAreaField
            name="message"
            label="Message in the file"
            rows={2}
            value={values.message}
            onChange={(v) => set('message', v)}
            error={error('message')}
            hint="Optional text signed into the license file, shown by the verifier."
          />
        </FormSection>
      </FormShell>
    </>
  );
}
