/** The README's cost table: the bill at a few traffic levels (one comment and one vote per 1,000 views). */
import { estimate, type Measured } from './model.js';
import { DEFAULT_TRAFFIC } from './traffic.js';

export const TABLE_LEVELS = [10_000, 100_000, 1_000_000, 10_000_000] as const;
const SERVICES = ['Lambda', 'HTTP API', 'DynamoDB', 'CloudFront', 'S3', 'SES'] as const;

const usd = (n: number) => `$${n < 1 ? n.toFixed(3) : n.toFixed(2)}`;

/** The bill of `views` with a comment and a vote per 1,000 views, the defaults for the rest. */
export function billAt(measured: Measured, views: number) {
  const comments = views / 1000;
  return estimate(measured, {
    ...DEFAULT_TRAFFIC,
    views,
    comments,
    votes: comments,
    storedComments: comments * 12,
  });
}

export function costTable(measured: Measured): string {
  const rows = TABLE_LEVELS.map((views) => {
    const bill = billAt(measured, views);
    const by = (s: string) => bill.lines.find((l) => l.service === s)!.usd;
    return [
      views.toLocaleString('en-US'),
      (views / 1000).toLocaleString('en-US'),
      ...SERVICES.map((s) => usd(by(s))),
      `**${usd(bill.total)}**`,
      usd(bill.totalWithoutEmail),
      usd(bill.beyondCloudFront),
      bill.units.cfRequestsPerView.toFixed(2),
    ];
  });
  const head = [
    'views / month',
    'comments (and votes)',
    ...SERVICES,
    'total',
    'without email',
    'beyond CloudFront',
    'CF requests / view',
  ];
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
