/** keyhub release list|add|edit|delete: a package's releases. */
import { Command } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { STABILITY_LABELS } from '../../../api/schemas';
import type { Release } from '../../../domain/catalog/types';
import { action } from '../action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from '../field-options';
import { keyValues, showDate, table } from '../format';
import { positiveId, stability } from '../parse';
import { recordCommands } from '../record-commands';

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

  const records = recordCommands(release, 'release');
  records.edit('release.update', FIELDS, releaseBlock);
  records.delete('delete a release', 'release.delete');

  return release;
}
