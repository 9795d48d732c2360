/** keyhub info: which KeyHub, which data folder. */
import { Command } from 'commander';
import { action } from '../action';
import { keyValues } from '../format';

export function infoCommand(): Command {
  return new Command('info').description("show KeyHub's version and the data folder in use").action(
    action(async ({ session }) => {
      const info = await session.call('system.info', {});
      return {
        data: info,
        human: keyValues([
          ['KeyHub', info.version],
          ['Data folder', info.dataDir],
          ['Database', info.databasePath],
          ['Schema version', info.schemaVersion],
        ]),
      };
    }),
  );
}
