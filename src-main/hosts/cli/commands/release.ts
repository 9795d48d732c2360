/** keyhub release list|add|edit|delete: a package's releases. */
import { Command } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { STABILITY_LABELS } from '../../../api/schemas';
import type { Release } from '../../../domain/catalog/types';
import { action, requireYes } from '../action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from '../field-options';
import { keyValues, showDate, table } from '../format';
import { positiveId, stability } from '../parse';

const PACKAGE: FieldOption = { field: 'packageId', flags: '--package <id>', description: 'package id', parse: positiveId };
const FIELDS: FieldOption[] = [
  { field: 'version', flags: '--version <version>', description: 'version, unique per package (e.g. 4.2.8)' },
  { field: 'displayName', flags: '--name <name>', description: 'display name (add: defaults to "<package> <version>")' },
  { field: 'stability', flags: '--stability <level>', description: `0-4 or ${STABILITY_LABELS.join(', ')} (add: defaults to stable)`, parse: stability },
  { field: 'notesUrl', flags: '--notes-url <url>', description: 'release notes URL ("" clears)' },
  { field: 'downloadUrl', flags: '--download-url <url>', description: 'download URL ("" clears)' },
  { field: 'releaseDate', flags: '--date <date>', description: 'release date, YYYY-MM-DD or ISO time (add: defaults to today)' },
];
const FLAGS = flagsByField([PACKAGE, ...FIELDS]);

export function stabilityLabel(level: number): string {
  return STABILITY_LABELS[level] ?? String(level);
}

export function releaseTable(releases: Release[]): string {
  return table(
    [
      { header: 'id', value: (r) => r.id, align: 'right' },
      { header: 'version', value: (r) => r.version },
      { header: 'name', value: (r) => r.displayName },
      { header: 'stability', value: (r) => stabilityLabel(r.stability) },
      { header: 'date', value: (r) => showDate(r.releaseDate) },
      { header: 'download', value: (r) => r.downloadUrl },
    ],
    releases,
  );
}

function releaseBlock(r: Release): string {
  return keyValues([
    ['ID', r.id],
    ['Package', r.packageId],
    ['Name', r.displayName],
    ['Version', r.version],
    ['Stability', `${r.stability} (${stabilityLabel(r.stability)})`],
    ['Release date', showDate(r.releaseDate)],
    ['Notes', r.notesUrl],
    ['Download', r.downloadUrl],
  ]);
}

export function releaseCommand(): Command {
  const release = new Command('release').description("a package's releases: version, stability, notes and download URLs");

  release
    .command('list')
    .description("list a package's releases")
    .requiredOption('--package <id>', 'package id', positiveId)
    .action(
      action<{ package: number }>(async ({ opts, session }) => {
        const pkg = await session.call('package.get', { id: opts.package });
        const human = pkg.releases.length ? releaseTable(pkg.releases) : `Package ${pkg.id} (${pkg.displayName}) has no releases yet.`;
        return { data: pkg.releases, human };
      }),
    );

  addFieldOptions(release.command('add').description('add a release to a package'), [PACKAGE, ...FIELDS], ['packageId', 'version']).action(
    action<Record<string, unknown>>(async ({ opts, session }) => {
      const given = pickFields(opts, [PACKAGE, ...FIELDS]);
      const pkg = await session.call('package.get', { id: given.packageId as number });
      const input = {
        displayName: `${pkg.displayName} ${String(given.version)}`,
        stability: 0,
        releaseDate: new Date().toISOString().slice(0, 10),
        ...given,
      };
      const created = await session.call('release.create', input as MethodInput<'release.create'>);
      return { data: created, human: `Created release ${created.id} of ${pkg.displayName}.\n${releaseBlock(created)}` };
    }, FLAGS),
  );

  addFieldOptions(
    release
      .command('edit')
      .description('change a release (only the options given)')
      .argument('<id>', 'release id', positiveId),
    FIELDS,
  ).action(
    action<Record<string, unknown>>(async ({ args, opts, session }) => {
      const current = await session.call('release.get', { id: args[0] as number });
      const { id, displayName, version, stability: level, notesUrl, downloadUrl, releaseDate } = current;
      const input = { id, displayName, version, stability: level, notesUrl, downloadUrl, releaseDate, ...pickFields(opts, FIELDS) };
      const updated = await session.call('release.update', input as MethodInput<'release.update'>);
      return { data: updated, human: `Updated release ${id}.\n${releaseBlock(updated)}` };
    }, FLAGS),
  );

  release
    .command('delete')
    .description('delete a release')
    .argument('<id>', 'release id', positiveId)
    .option('--yes', 'really delete')
    .action(
      action<{ yes?: boolean }>(async ({ args, opts, session }) => {
        const id = args[0] as number;
        requireYes(opts, `release ${id}`);
        const deleted = await session.call('release.delete', { id });
        return { data: deleted, human: `Deleted release ${id}.` };
      }),
    );

  return release;
}
