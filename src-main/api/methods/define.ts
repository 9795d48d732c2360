/** How an area declares its methods: a query reads, a command changes the store. */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type; never read at run time. */
  output: O;
  /** True when the method changes the store (the CLI and logs use this). */
  mutates: boolean;
}

export const query = <I extends z.ZodType, O>(input: I) =>
  ({ input, output: undefined as unknown as O, mutates: false }) satisfies MethodSpec<I, O>;
export const command = <I extends z.ZodType, O>(input: I) =>
  ({ input, output: undefined as unknown as O, mutates: true }) satisfies MethodSpec<I, O>;
