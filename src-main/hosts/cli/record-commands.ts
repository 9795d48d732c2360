/**
 * The commands every catalog noun has for one record: `show ID`, `edit ID [options]`
 * and `delete ID --yes`. Updates are patches, so `edit` sends the id and the options
 * given, nothing else, and never reads the record first.
 */
import type { Command } from 'commander';
import type { MethodInput, MethodName, MethodOutput } from '../../api/contract';
import { action, requireYes } from './action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from './field-options';
import { positiveId } from './parse';
import type { CliSession } from './session';

type Fields = Record<string, unknown>;

export interface EditOptions<M extends MethodName> {
  /** Turns the options given into API input (e.g. `--sku 1,2` into ids); the id is added after. */
  input?: (given: Fields, id: number, session: CliSession) => Fields | Promise<Fields>;
  /** How "Updated …." names the record; default `<noun> <id>`. */
  title?: (record: MethodOutput<M>) => string;
}

/** `noun` names one record in help and messages: "vendor", "feature code", "SKU". */
export function recordCommands(parent: Command, noun: string) {
  const withId = (name: string, description: string) =>
    parent.command(name).description(description).argument('<id>', `${noun} id`, positiveId);

  return {
    show<M extends MethodName>(description: string, method: M, render: (record: MethodOutput<M>) => string): void {
      withId('show', description).action(
        action(async ({ args, session }) => {
          const record = await session.call(method, { id: args[0] } as MethodInput<M>);
          return { data: record, human: render(record) };
        }),
      );
    },

    edit<M extends MethodName>(method: M, fields: FieldOption[], render: (record: MethodOutput<M>) => string, options: EditOptions<M> = {}): void {
      addFieldOptions(withId('edit', `change a ${noun} (only the options given)`), fields).action(
        action<Fields>(async ({ args, opts, session }) => {
          const id = args[0] as number;
          const given = pickFields(opts, fields);
          const input = { id, ...(options.input ? await options.input(given, id, session) : given) };
          const updated = await session.call(method, input as MethodInput<M>);
          const title = options.title ? options.title(updated) : `${noun} ${id}`;
          return { data: updated, human: `Updated ${title}.\n${render(updated)}` };
        }, flagsByField(fields)),
      );
    },

    /** `also` names what goes with the record, for the --yes hint: "its releases". */
    delete<M extends MethodName>(description: string, method: M, also?: string): void {
      withId('delete', description)
        .option('--yes', 'really delete')
        .action(
          action<{ yes?: boolean }>(async ({ args, opts, session }) => {
            const id = args[0] as number;
            requireYes(opts, also ? `${noun} ${id} and ${also}` : `${noun} ${id}`);
            const deleted = await session.call(method, { id } as MethodInput<M>);
            return { data: deleted, human: `Deleted ${noun} ${id}.` };
          }),
        );
    },
  };
}
