/** keyhub license file: the stored signed file of a license or of one of its domain licenses. */
import { Command } from 'commander';
import { action } from '../action';
import { positiveId } from '../parse';
import { writeOutput } from '../terminal';

export function licenseCommand(): Command {
  const license = new Command('license').description('issued licenses (sign them with keyhub sign)');

  license
    .command('file')
    .description("print a license's current signed file (re-signed after a key rotation), or one of its domain licenses'")
    .argument('<id>', 'license id', positiveId)
    .option('--domain <domain>', 'the domain license for this domain instead')
    .option('--out <file>', 'write the file here instead of stdout')
    .action(
      action<{ domain?: string; out?: string }>(async ({ args, opts, session }) => {
        const file = await session.call('license.file', { licenseId: args[0] as number, ...(opts.domain !== undefined && { domain: opts.domain }) });
        if (opts.out === undefined) return { data: file, human: file.file.replace(/\n$/, '') };
        const written = writeOutput(opts.out, file.file);
        return { data: file, human: `Wrote the ${file.kind === 'domain' ? `domain license for ${file.domain}` : 'license'} of license ${file.licenseId} to ${written}.` };
      }),
    );

  return license;
}
