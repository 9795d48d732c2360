/** The options every `list` command shares: text search, one sort column, a page, a vendor. */
import { Command, Option } from 'commander';
import { positiveId, wholeNumber } from './parse';

export interface ListOptions {
  search?: string;
  sort?: string;
  desc?: boolean;
  limit?: number;
  offset?: number;
  vendor?: number;
}

export function addListOptions(command: Command, sortable: readonly string[], byVendor: boolean): Command {
  command
    .option('--search <text>', 'only rows containing this text')
    .addOption(new Option('--sort <column>', 'sort by this column').choices(sortable))
    .option('--desc', 'sort descending')
    .option('--limit <n>', 'rows per page (1-500, default 50)', wholeNumber)
    .option('--offset <n>', 'skip this many rows', wholeNumber);
  if (byVendor) command.option('--vendor <id>', "only this vendor's rows", positiveId);
  return command;
}

/** The list input the API takes, from the options given. */
export function listInput(opts: ListOptions) {
  return {
    ...(opts.search !== undefined && { search: opts.search }),
    ...(opts.sort !== undefined && { sort: opts.sort }),
    ...(opts.desc && { dir: 'desc' as const }),
    ...(opts.limit !== undefined && { limit: opts.limit }),
    ...(opts.offset !== undefined && { offset: opts.offset }),
    ...(opts.vendor !== undefined && { vendorId: opts.vendor }),
  };
}
