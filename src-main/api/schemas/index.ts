/**
 * Input schemas for the API contract, one file an area. Pure zod, no Node: the
 * renderer imports these too, so a form shows the same message the API would give.
 */
export * from './common';
export * from './catalog';
export * from './keys';
export * from './licenses';
export * from './people';
export * from './apps';
export * from './insight';
export * from './sales';
export * from './sync';
