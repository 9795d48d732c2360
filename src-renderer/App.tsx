/**
 * Routes. A hash router, because the same build is loaded from file:// by Electron
 * and over HTTP by the browser host; only the hash works in both. A data router,
 * because only it can hold a navigation until a form with changes has asked first.
 */
import { createHashRouter, createRoutesFromElements, Navigate, Route, type DataRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { ToastProvider } from './components/Toasts';
import { AppDetailScreen } from './screens/apps/AppDetailScreen';
import { AppListScreen } from './screens/apps/AppListScreen';
import { NewAppScreen } from './screens/apps/NewAppScreen';
import { AuditScreen } from './screens/audit/AuditScreen';
import { ComingSoonScreen } from './screens/areas/ComingSoonScreen';
import { EditFeatureScreen, NewFeatureScreen } from './screens/catalog/features/FeatureFormScreen';
import { FeatureDetailScreen } from './screens/catalog/features/FeatureDetailScreen';
import { FeatureListScreen } from './screens/catalog/features/FeatureListScreen';
import { PackageDetailScreen } from './screens/catalog/packages/PackageDetailScreen';
import { EditPackageScreen, NewPackageScreen } from './screens/catalog/packages/PackageFormScreen';
import { PackageListScreen } from './screens/catalog/packages/PackageListScreen';
import { EditReleaseScreen, NewReleaseScreen } from './screens/catalog/packages/ReleaseFormScreen';
import { SkuDetailScreen } from './screens/catalog/skus/SkuDetailScreen';
import { EditSkuScreen, NewSkuScreen } from './screens/catalog/skus/SkuFormScreen';
import { SkuListScreen } from './screens/catalog/skus/SkuListScreen';
import { VendorDetailScreen } from './screens/catalog/vendors/VendorDetailScreen';
import { EditVendorScreen, NewVendorScreen } from './screens/catalog/vendors/VendorFormScreen';
import { VendorListScreen } from './screens/catalog/vendors/VendorListScreen';
import { CustomerDetailScreen } from './screens/customers/CustomerDetailScreen';
import { EditCustomerScreen, NewCustomerScreen } from './screens/customers/CustomerFormScreen';
import { CustomerListScreen } from './screens/customers/CustomerListScreen';
import { DashboardScreen } from './screens/dashboard/DashboardScreen';
import { DomainListScreen } from './screens/domains/DomainListScreen';
import { FulfilmentScreen } from './screens/fulfilment/FulfilmentScreen';
import { LicenseDetailScreen } from './screens/licenses/detail/LicenseDetailScreen';
import { IssueLicenseScreen } from './screens/licenses/IssueLicenseScreen';
import { LicenseListScreen } from './screens/licenses/LicenseListScreen';
import { LicensingArea } from './screens/licenses/LicensingArea';
import { NotFoundScreen } from './screens/NotFoundScreen';
import { KeyDetailScreen } from './screens/keys/KeyDetailScreen';
import { KeyListScreen } from './screens/keys/KeyListScreen';
import { KeysArea } from './screens/keys/VaultContext';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { StripePricesScreen } from './screens/stripe-prices/StripePricesScreen';
import { SubscriptionDetailScreen } from './screens/subscriptions/SubscriptionDetailScreen';
import { SubscriptionListScreen } from './screens/subscriptions/SubscriptionListScreen';
import { SyncArea } from './screens/sync/SyncArea';
import { SyncRunDetailScreen } from './screens/sync/SyncRunDetailScreen';
import { SyncScreen } from './screens/sync/SyncScreen';
import { TransactionDetailScreen } from './screens/transactions/TransactionDetailScreen';
import { TransactionListScreen } from './screens/transactions/TransactionListScreen';
import { TransactionsArea } from './screens/transactions/TransactionsArea';
import { RightsScreen } from './screens/users/RightsScreen';
import { UserDetailScreen } from './screens/users/UserDetailScreen';
import { EditUserScreen, NewUserScreen } from './screens/users/UserFormScreen';
import { UserListScreen } from './screens/users/UserListScreen';
import { VerifyScreen } from './screens/verify/VerifyScreen';
import { AppShell } from './shell/AppShell';
import { COMING_AREAS } from './shell/areas';

const routes = createRoutesFromElements(
  <Route element={<AppShell />}>
    <Route index element={<DashboardScreen />} />

    <Route path="catalog">
      <Route index element={<Navigate to="vendors" replace />} />
      <Route path="vendors" element={<VendorListScreen />} />
      <Route path="vendors/new" element={<NewVendorScreen />} />
      <Route path="vendors/:id" element={<VendorDetailScreen />} />
      <Route path="vendors/:id/edit" element={<EditVendorScreen />} />

      <Route path="skus" element={<SkuListScreen />} />
      <Route path="skus/new" element={<NewSkuScreen />} />
      <Route path="skus/:id" element={<SkuDetailScreen />} />
      <Route path="skus/:id/edit" element={<EditSkuScreen />} />

      <Route path="features" element={<FeatureListScreen />} />
      <Route path="features/new" element={<NewFeatureScreen />} />
      <Route path="features/:id" element={<FeatureDetailScreen />} />
      <Route path="features/:id/edit" element={<EditFeatureScreen />} />

      <Route path="packages" element={<PackageListScreen />} />
      <Route path="packages/new" element={<NewPackageScreen />} />
      <Route path="packages/:id" element={<PackageDetailScreen />} />
      <Route path="packages/:id/edit" element={<EditPackageScreen />} />
      <Route path="packages/:id/releases/new" element={<NewReleaseScreen />} />
      <Route path="packages/:id/releases/:releaseId/edit" element={<EditReleaseScreen />} />
    </Route>

    <Route path="keys" element={<KeysArea />}>
      <Route index element={<KeyListScreen />} />
      <Route path=":id" element={<KeyDetailScreen />} />
    </Route>
    <Route path="verify" element={<VerifyScreen />} />

    {/* Licensing: issuing, renewing and adding domains sign files, so these share the vault's dialogs. */}
    <Route element={<LicensingArea />}>
      <Route path="licenses" element={<LicenseListScreen />} />
      <Route path="licenses/new" element={<IssueLicenseScreen />} />
      <Route path="licenses/:id" element={<LicenseDetailScreen />} />
      <Route path="domains" element={<DomainListScreen />} />
    </Route>

    <Route path="customers" element={<CustomerListScreen />} />
    <Route path="customers/new" element={<NewCustomerScreen />} />
    <Route path="customers/:id" element={<CustomerDetailScreen />} />
    <Route path="customers/:id/edit" element={<EditCustomerScreen />} />

    <Route path="users" element={<UserListScreen />} />
    <Route path="users/rights" element={<RightsScreen />} />
    <Route path="users/new" element={<NewUserScreen />} />
    <Route path="users/:id" element={<UserDetailScreen />} />
    <Route path="users/:id/edit" element={<EditUserScreen />} />

    <Route path="apps" element={<AppListScreen />} />
    <Route path="apps/new" element={<NewAppScreen />} />
    <Route path="apps/:id" element={<AppDetailScreen />} />

    <Route path="audit" element={<AuditScreen />} />

    {/* Transactions: importing messages signs licenses, so these share the vault's dialogs. */}
    <Route element={<TransactionsArea />}>
      <Route path="transactions" element={<TransactionListScreen />} />
      <Route path="transactions/:id" element={<TransactionDetailScreen />} />
    </Route>

    <Route path="fulfilment" element={<FulfilmentScreen />} />
    <Route path="subscriptions" element={<SubscriptionListScreen />} />
    <Route path="subscriptions/:id" element={<SubscriptionDetailScreen />} />

    {/* Sync: a run and a price mapping issue (sign) licenses, so these share the vault's dialogs. */}
    <Route element={<SyncArea />}>
      <Route path="sync" element={<SyncScreen />} />
      <Route path="sync/runs/:id" element={<SyncRunDetailScreen />} />
      <Route path="stripe-prices" element={<StripePricesScreen />} />
    </Route>

    {COMING_AREAS.map((area) => (
      <Route key={area.path} path={area.path.slice(1)} element={<ComingSoonScreen area={area} />} />
    ))}
    <Route path="settings" element={<SettingsScreen />} />
    <Route path="*" element={<NotFoundScreen />} />
  </Route>
);

/** Called by main.tsx once `#token=…` is out of the hash: the router reads the hash as soon as it is made. */
export function createAppRouter(): DataRouter {
  return createHashRouter(routes);
}

export function App({ router }: { router: DataRouter }) {
  return (
    <ToastProvider>
      <RouterProvider router={router} />
    </ToastProvider>
  );
}
