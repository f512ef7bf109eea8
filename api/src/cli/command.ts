/** The shape of a CLI command group, the error for a wrong invocation, and flag parsing. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CliContext } from './context.js';

export class UsageError extends Error {}

export interface Command {
  usage: string;
  /** Needs no storage: runs without finding or starting a DynamoDB (its context's store is never used). */
  storeless?: boolean;
  run(ctx: CliContext, argv: string[]): Promise<void>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's flags and positionals; a flag it does not know is a UsageError. */
export function parseOptions<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
