/**
 * Reads the table's DynamoDB stream (DynamoDB Local in development) as Lambda-shaped records, shard by
 * shard: the local stand-in for Lambda's stream trigger. Not part of the Store, so the Lambda bundles
 * do not carry the streams client.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Config } from '../config.js';
import { createDb } from './client.js';

export interface ShardBatch {
  shardId: string;
  records: DynamoDBRecord[];
}

/** Where to begin in the shards open at the first poll: only new changes (LATEST) or all kept ones. */
export type StreamStart = 'LATEST' | 'TRIM_HORIZON';

/** The SDK record in the shape Lambda hands to a stream handler. */
export function toLambdaRecord(r: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: r.eventVersion,
    eventSource: r.eventSource ?? 'aws:dynamodb',
    awsRegion: r.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      Keys: d.Keys as never,
      ...(d.NewImage ? { NewImage: d.NewImage as never } : {}),
      ...(d.OldImage ? { OldImage: d.OldImage as never } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as NonNullable<DynamoDBRecord['dynamodb']>['StreamViewType'],
    },
  };
}

/** A reader of the stream of `config`'s table, with clients of its own (closed by `close()`). */
export function openStream(config: Pick<Config, 'dynamodbEndpoint' | 'region' | 'table'>, from: StreamStart) {
  const db = createDb(config);
  const streams = new DynamoDBStreamsClient({
    region: config.region,
    maxAttempts: 3,
    ...(config.dynamodbEndpoint
      ? // DynamoDB Local accepts any credentials; these are not secrets.
        { endpoint: config.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  let streamArn: string | undefined;
  const iterators = new Map<string, string>();
  const closed = new Set<string>();
  let first = true;
  let polls = 0;
  /** A shard closed: its children should be looked for at once. */
  let changed = false;

  async function arn(): Promise<string> {
    if (streamArn) return streamArn;
    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: db.table }));
    if (!Table?.LatestStreamArn) throw new Error(`table ${db.table} has no stream`);
    streamArn = Table.LatestStreamArn;
    return streamArn;
  }

  async function iterator(
    shardId: string,
    type: string,
    sequenceNumber?: string,
  ): Promise<string | undefined> {
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: await arn(),
        ShardId: shardId,
        ShardIteratorType: type as 'LATEST',
        ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}),
      }),
    );
    return out.ShardIterator;
  }

  async function discover(): Promise<void> {
    let start: string | undefined;
    const listed = new Set<string>();
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: await arn(), ExclusiveStartShardId: start }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        const id = shard.ShardId;
        if (id) listed.add(id);
        if (!id || iterators.has(id) || closed.has(id)) continue;
        // Shards open at the first look start where asked; shards born later are read from their start.
        const open = !shard.SequenceNumberRange?.EndingSequenceNumber;
        const type = first ? (open ? from : 'TRIM_HORIZON') : 'TRIM_HORIZON';
        if (first && !open && from === 'LATEST') {
          closed.add(id);
          continue;
        }
        const it = await iterator(id, type);
        if (it) iterators.set(id, it);
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    // Closed shards the stream no longer lists (past its 24 hours) need not be remembered.
    for (const id of closed) if (!listed.has(id)) closed.delete(id);
    first = false;
  }

  return {
    /** Everything new on every shard since the last poll, one batch per shard that had records. */
    async poll(): Promise<ShardBatch[]> {
      // New shards are rare (a split, or a closed shard's children): look for them now and then.
      if (first || changed || iterators.size === 0 || ++polls % 20 === 0) {
        changed = false;
        await discover();
      }
      const out: ShardBatch[] = [];
      // Iterators move only once every shard was read: a failure part-way leaves all of them where
      // they were, so the records read so far come again instead of being lost with the error.
      const moves: Array<[string, string | undefined]> = [];
      for (const [shardId, start] of [...iterators]) {
        let it: string | undefined = start;
        const records: DynamoDBRecord[] = [];
        for (let i = 0; it && i < 20; i++) {
          const res: GetRecordsCommandOutput = await streams.send(
            new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }),
          );
          for (const r of res.Records ?? []) records.push(toLambdaRecord(r, await arn()));
          it = res.NextShardIterator;
          if (!res.Records?.length) break;
        }
        moves.push([shardId, it]);
        if (records.length) out.push({ shardId, records });
      }
      for (const [shardId, it] of moves) {
        if (it) iterators.set(shardId, it);
        else {
          iterators.delete(shardId);
          closed.add(shardId);
          changed = true;
        }
      }
      return out;
    },

    /** Reads a shard again from `sequenceNumber` on (a failed record and everything after it). */
    async rewind(shardId: string, sequenceNumber: string): Promise<void> {
      const it = await iterator(shardId, 'AT_SEQUENCE_NUMBER', sequenceNumber);
      if (it) {
        iterators.set(shardId, it);
        closed.delete(shardId);
      }
    },

    close(): void {
      streams.destroy();
      db.client.destroy();
    },
  };
}

export type StreamReader = ReturnType<typeof openStream>;
