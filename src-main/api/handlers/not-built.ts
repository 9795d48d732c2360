/** A placeholder for a method whose handler is being built (removed before this lands). */
import { KeyHubError } from '../errors';

export const notBuilt = (method: string) => () => {
  throw new KeyHubError('INTERNAL', `${method} is not built yet.`);
};
