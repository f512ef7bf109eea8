/** A capacity recorder for the bench: asks DynamoDB for ReturnConsumedCapacity on every call and sums it. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface CapacityCall {
  command: string;
  input: Record<string, unknown>;
  rcu: number;
  wcu: number;
  /** Of `wcu`, what the table's secondary indexes took (DynamoDB Local reports it per index). */
  indexWcu: number;
}

interface Consumed {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number; WriteCapacityUnits?: number }>;
}

export interface CapacityRecorder {
  calls: CapacityCall[];
  /** Forgets what was recorded so far. */
  reset(): void;
  totals(): { rru: number; wru: number; indexWru: number; calls: number; commands: string[] };
}

/** Splits a consumed-capacity entry into read and write units by the kind of command. */
function units(command: string, c: Consumed): { rcu: number; wcu: number } {
  if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
    return { rcu: c.ReadCapacityUnits ?? 0, wcu: c.WriteCapacityUnits ?? 0 };
  }
  const total = c.CapacityUnits ?? 0;
  const write = /Put|Update|Delete|Write/.test(command);
  return write ? { rcu: 0, wcu: total } : { rcu: total, wcu: 0 };
}

/** Adds the recorder as a middleware on a document client (the bench's own store; the app is unchanged). */
export function recordCapacity(doc: DynamoDBDocumentClient): CapacityRecorder {
  const calls: CapacityCall[] = [];
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      const out = await next(args);
      const command = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      const raw = (out.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      let rcu = 0;
      let wcu = 0;
      let indexWcu = 0;
      for (const c of list) {
        const u = units(command, c);
        rcu += u.rcu;
        wcu += u.wcu;
        if (u.wcu > 0)
          for (const g of Object.values(c.GlobalSecondaryIndexes ?? {}))
            indexWcu += g.WriteCapacityUnits ?? g.CapacityUnits ?? 0;
      }
      calls.push({ command, input: structuredClone(input), rcu, wcu, indexWcu });
      return out;
    },
    { step: 'initialize', name: 'benchCapacityRecorder', override: true },
  );
  return {
    calls,
    reset() {
      calls.length = 0;
    },
    totals() {
      return {
        rru: round(calls.reduce((s, c) => s + c.rcu, 0)),
        wru: round(calls.reduce((s, c) => s + c.wcu, 0)),
        indexWru: round(calls.reduce((s, c) => s + c.indexWcu, 0)),
        calls: calls.length,
        commands: calls.map((c) => c.command),
      };
    },
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
