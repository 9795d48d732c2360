/** The catalog's routes in one place, so links and routes cannot drift apart. */
export const paths = {
  vendors: '/catalog/vendors',
  vendor: (id: number) => `/catalog/vendors/${id}`,
  newVendor: '/catalog/vendors/new',
  editVendor: (id: number) => `/catalog/vendors/${id}/edit`,

  skus: '/catalog/skus',
  sku: (id: number) => `/catalog/skus/${id}`,
  newSku: (vendorId?: number) => (vendorId ? `/catalog/skus/new?vendorId=${vendorId}` : '/catalog/skus/new'),
  editSku: (id: number) => `/catalog/skus/${id}/edit`,

  features: '/catalog/features',
  feature: (id: number) => `/catalog/features/${id}`,
  newFeature: (vendorId?: number) => (vendorId ? `/catalog/features/new?vendorId=${vendorId}` : '/catalog/features/new'),
  editFeature: (id: number) => `/catalog/features/${id}/edit`,

  packages: '/catalog/packages',
  package: (id: number) => `/catalog/packages/${id}`,
  newPackage: (vendorId?: number) => (vendorId ? `/catalog/packages/new?vendorId=${vendorId}` : '/catalog/packages/new'),
  editPackage: (id: number) => `/catalog/packages/${id}/edit`,
  newRelease: (packageId: number) => `/catalog/packages/${packageId}/releases/new`,
  editRelease: (packageId: number, releaseId: number) => `/catalog/packages/${packageId}/releases/${releaseId}/edit`,
};
