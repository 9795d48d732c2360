/** The SKU form's picks from its vendor's catalog: the feature codes it grants and the packages it includes. */
import { useToast } from '../../../components/Toasts';
import { ChoiceList } from '../../../forms/ChoiceList';
import { useWholeList } from '../../../hooks/useApiQuery';
import { InlineFeatureCreator } from './InlineFeatureCreator';

interface SkuCatalogChoicesProps {
  /** Null until a vendor is chosen. */
  vendorId: number | null;
  featureIds: number[];
  packageIds: number[];
  onFeatureIds: (ids: number[]) => void;
  onPackageIds: (ids: number[]) => void;
  error: (field: string) => string | undefined;
}

export function SkuCatalogChoices({ vendorId, featureIds, packageIds, onFeatureIds, onPackageIds, error }: SkuCatalogChoicesProps) {
  const toast = useToast();
  const features = useWholeList('feature.list', vendorId ? { vendorId, sort: 'code' } : null);
  const packages = useWholeList('package.list', vendorId ? { vendorId, sort: 'displayName' } : null);
  const chooseVendorFirst = <p className="muted">Choose a vendor first.</p>;

  return (
    <>
      <div className="field field--wide">
        <ChoiceList
          name="featureIds"
          legend="Feature codes"
          loading={features.loading && !features.data}
          choices={(features.data ?? []).map((f) => ({ id: f.id, label: f.code, detail: f.description }))}
          selected={featureIds}
          onChange={onFeatureIds}
          error={error('featureIds') ?? features.error?.message}
          empty={vendorId ? <p className="muted">This vendor has no feature codes yet. Add one below.</p> : chooseVendorFirst}
        />
        {vendorId && (
          <InlineFeatureCreator
            vendorId={vendorId}
            onCreated={(feature) => {
              features.reload();
              onFeatureIds([...featureIds, feature.id]);
              toast.success(`Feature code ${feature.code} added and selected.`);
            }}
          />
        )}
      </div>
      <div className="field field--wide">
        <ChoiceList
          name="packageIds"
          legend="Packages"
          loading={packages.loading && !packages.data}
          choices={(packages.data ?? []).map((p) => ({ id: p.id, label: p.displayName, detail: p.latestVersion ? `latest ${p.latestVersion}` : null }))}
          selected={packageIds}
          onChange={onPackageIds}
          error={error('packageIds') ?? packages.error?.message}
          empty={vendorId ? <p className="muted">This vendor has no packages yet. Packages can also be linked to SKUs later, from the package.</p> : chooseVendorFirst}
        />
      </div>
    </>
  );
}
