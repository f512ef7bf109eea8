/** The `afterword` command: dispatches `<group> <action>` to one module per group. */
import { resolve } from 'node:path';
import { type Command, UsageError } from './command.js';
import { type CliContext, cliDataDir, openContext, storelessContext } from './context.js';
import { doctorCommand } from './doctor.js';
import { exportCommand } from './export.js';
import { filesCommand } from './files.js';
import { importCommand } from './import.js';
import { mailCommand } from './mail.js';
import { moderatorCommand } from './moderator.js';
import { pageCommand } from './page.js';
import { repairCommand } from './repair.js';
import { siteCommand } from './site.js';
import { tokenCommand } from './token.js';
import { webhookCommand } from './webhook.js';

/** Command groups; each module adds its own (moderator, token, import, export ...). */
export const COMMANDS: Record<string, Command> = {
  site: siteCommand,
  doctor: doctorCommand,
  export: exportCommand,
  import: importCommand,
  page: pageCommand,
  repair: repairCommand,
  moderator: moderatorCommand,
  token: tokenCommand,
  webhook: webhookCommand,
  mail: mailCommand,
  files: filesCommand,
};

function help(): string {
  return [
    'usage: afterword [--aws] <command> ...',
    '',
    ...Object.values(COMMANDS).map((c) => c.usage),
    '',
    'Storage: DYNAMODB_ENDPOINT if set; --aws for DynamoDB on AWS (AWS_REGION, AFTERWORD_TABLE);',
    'otherwise the DynamoDB Local that `npm start` runs on the data directory, or one started there.',
    `Data directory (AFTERWORD_DATA_DIR): ${resolve(cliDataDir(process.env) ?? '.data')}`,
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // The SDK tells Node 20 that its releases after January 2027 need Node 22: the lockfile pins this one
  // and the README asks for Node 22, so on a CLI's output it is only noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const aws = argv.includes('--aws');
  const rest = argv.filter((a) => a !== '--aws');
  const [group, ...args] = rest;
  if (!group || group === 'help' || group === '--help' || group === '-h') {
    process.stdout.write(`${help()}\n`);
    return group ? 0 : 1;
  }
  const command = COMMANDS[group];
  if (!command) {
    process.stderr.write(`afterword: unknown command "${group}"\n\n${help()}\n`);
    return 2;
  }
  let ctx: CliContext | undefined;
  try {
    ctx = command.storeless ? storelessContext() : await openContext({ aws });
    await command.run(ctx, args);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`afterword ${group}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`afterword ${group}: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await ctx?.close();
  }
}
