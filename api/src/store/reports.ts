/**
 * Reader reports (`REPORT#<commentId>` partition): one item per reader (keyed reporter hash, never an IP or
 * an email) and a small summary item (META) counting distinct readers and reasons, listed per site on GSI3.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { REPORT_LIMITS, REPORT_REASONS, type ReportReason } from '../contract/limits.js';
import { getAll } from './batch.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { queryPartition } from './query.js';
import { ConditionFailed, transact } from './tx.js';

/** One reader's report of one comment. */
export interface ReportItem {
  type: 'report';
  pk: string;
  sk: string;
  commentId: string;
  site: string;
  reason: ReportReason;
  text?: string;
  createdAt: string;
}

/** A comment's reports in short: distinct readers since the last dismissal, per reason, and when. */
export interface ReportSummary {
  commentId: string;
  site: string;
  count: number;
  reasons: Partial<Record<ReportReason, number>>;
  firstAt: string;
  lastAt: string;
  /** The reports held the comment for review (once per round of reports). */
  held: boolean;
  /** When its reports were last dismissed: reports before it are not this round's. */
  since?: string;
}

/** The reader already reported this comment (their report is kept; nothing changed). */
export class AlreadyReportedError extends Error {
  override name = 'AlreadyReportedError';
}

const REASON_ATTR = (r: ReportReason) => `n_${r.replace('-', '_')}`;

function isReport(item: unknown): item is ReportItem {
  const i = item as Partial<ReportItem> | undefined;
  return i?.type === 'report' && typeof i.commentId === 'string' && typeof i.createdAt === 'string';
}

function summaryOf(item: Record<string, unknown> | undefined): ReportSummary | undefined {
  if (item?.type !== 'reportSummary' || typeof item.commentId !== 'string') return undefined;
  const reasons: Partial<Record<ReportReason, number>> = {};
  for (const r of REPORT_REASONS) {
    const n = item[REASON_ATTR(r)];
    if (typeof n === 'number' && n > 0) reasons[r] = n;
  }
  return {
    commentId: item.commentId,
    site: String(item.site),
    count: typeof item.count === 'number' ? item.count : 0,
    reasons,
    firstAt: String(item.firstAt ?? item.lastAt),
    lastAt: String(item.lastAt),
    held: item.held === true,
    ...(typeof item.since === 'string' ? { since: item.since } : {}),
  };
}

export function createReportStore(db: Db) {
  const get = async (commentId: string) => {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: keys.reportSummary(commentId), ConsistentRead: true }),
    );
    return summaryOf(Item);
  };

  return {
    /** The comment's report summary (strongly consistent); undefined when it was never reported. */
    summary: get,

    /**
     * Records `reporter`'s report and counts it, in one transaction; a second report by the same reader
     * throws AlreadyReportedError and changes nothing. Returns the summary as it is after this report.
     */
    async add(r: {
      commentId: string;
      site: string;
      reporter: string;
      reason: ReportReason;
      text?: string;
      now: string;
    }): Promise<ReportSummary> {
      const item: ReportItem = {
        type: 'report',
        ...keys.report(r.commentId, r.reporter),
        commentId: r.commentId,
        site: r.site,
        reason: r.reason,
        ...(r.text ? { text: r.text } : {}),
        createdAt: r.now,
      };
      const reported = keys.reported(r.site, r.now, r.commentId);
      try {
        await transact(db, [
          {
            Put: { TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
          },
          {
            Update: {
              TableName: db.table,
              Key: keys.reportSummary(r.commentId),
              UpdateExpression:
                'SET #type = :type, commentId = :id, site = :site, firstAt = if_not_exists(firstAt, :now), ' +
                'lastAt = :now, gsi3pk = :gpk, gsi3sk = :gsk ADD #count :one, #reason :one',
              ExpressionAttributeNames: {
                '#type': 'type',
                '#count': 'count',
                '#reason': REASON_ATTR(r.reason),
              },
              ExpressionAttributeValues: {
                ':type': 'reportSummary',
                ':id': r.commentId,
                ':site': r.site,
                ':now': r.now,
                ':gpk': reported.gsi3pk,
                ':gsk': reported.gsi3sk,
                ':one': 1,
              },
            },
          },
        ]);
      } catch (err) {
        if (err instanceof ConditionFailed && err.has(0)) throw new AlreadyReportedError('already reported');
        throw err;
      }
      const after = await get(r.commentId);
      if (!after) throw new Error(`report summary of ${r.commentId} missing after its write`);
      return after;
    },

    /** Marks this round of reports as having held the comment: true when this call marked it (only one does). */
    async markHeld(commentId: string): Promise<boolean> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.reportSummary(commentId),
            UpdateExpression: 'SET held = :t',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(held) OR held = :f)',
            ExpressionAttributeValues: { ':t': true, ':f': false },
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },

    /**
     * Clears the comment's reports: the count and reasons start again from zero and it leaves the site's
     * reported list. The readers' own reports are kept, so none of them can report it again.
     */
    async dismiss(commentId: string, now: string): Promise<void> {
      const zero = REPORT_REASONS.map((r) => REASON_ATTR(r));
      await db.doc
        .send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.reportSummary(commentId),
            UpdateExpression: `SET #count = :zero, held = :f, since = :now REMOVE gsi3pk, gsi3sk, firstAt, ${zero.map((_, i) => `#r${i}`).join(', ')}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: {
              '#count': 'count',
              ...Object.fromEntries(zero.map((a, i) => [`#r${i}`, a])),
            },
            ExpressionAttributeValues: { ':zero': 0, ':f': false, ':now': now },
          }),
        )
        .catch((err: Error) => {
          // Never reported: nothing to clear.
          if (err.name !== 'ConditionalCheckFailedException') throw err;
        });
    },

    /** This round's reports of the comment (after `since`), newest first, at most REPORT_LIMITS.listed. */
    async of(commentId: string, since?: string): Promise<ReportItem[]> {
      const all = await queryPartition(db, keys.reportSummary(commentId).pk, isReport, { cap: 1000 });
      return all
        .filter((r) => !since || r.createdAt > since)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, REPORT_LIMITS.listed);
    },

    /** One page of a site's reported comments, last reported first; `after` continues a page. */
    async list(
      site: string,
      limit: number,
      after?: Record<string, unknown>,
    ): Promise<{ summaries: ReportSummary[]; next?: Record<string, unknown> }> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.reportedPk(site) },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: after,
        }),
      );
      // GSI3 projects keys only: the summaries are read from the table.
      const items = await getAll(
        db,
        (res.Items ?? []).map((e) => ({ pk: e.pk, sk: e.sk })),
      );
      const byPk = new Map<string, ReportSummary>();
      for (const item of items) {
        const s = summaryOf(item as Record<string, unknown>);
        if (s && s.site === site) byPk.set(keys.reportSummary(s.commentId).pk, s);
      }
      return {
        summaries: (res.Items ?? []).flatMap((e) => byPk.get(String(e.pk)) ?? []),
        ...(res.LastEvaluatedKey ? { next: res.LastEvaluatedKey } : {}),
      };
    },
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
