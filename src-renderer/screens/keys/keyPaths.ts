/** The signing-key and verify routes in one place, so links and routes cannot drift apart. */
export const keyPaths = {
  keys: '/keys',
  key: (id: number) => `/keys/${id}`,
  keysOfVendor: (vendorId: number) => `/keys?vendor=${vendorId}`,
  verify: '/verify',
};
