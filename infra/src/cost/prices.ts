/** AWS list prices, us-east-1, in USD, with the always-free tiers: the one place the estimator takes prices from. */

export const PRICES = {
  /**
   * Date of the figures: public AWS pricing pages as of mid-2025 (after the Nov 2024 DynamoDB on-demand cut),
   * the latest the author knows. Check https://aws.amazon.com/pricing/ and change them here, with the date.
   */
  asOf: '2025-06',
  region: 'us-east-1',
  lambda: {
    perMillionRequests: 0.2,
    /** arm64 (Graviton), first 7.5 billion GB-s. */
    perGbSecond: 0.0000133334,
    freeRequests: 1_000_000,
    freeGbSeconds: 400_000,
  },
  httpApi: {
    /** First 300 million a month; requests are metered in 512 KB steps (ours are all smaller). */
    perMillionRequests: 1.0,
    /** The 1 million free calls last only 12 months, so none here. */
    freeRequests: 0,
  },
  dynamodb: {
    /** On-demand. */
    perMillionReadUnits: 0.125,
    perMillionWriteUnits: 0.625,
    perGbMonth: 0.25,
    freeGb: 25,
    /** Stream reads by a Lambda trigger are free. */
  },
  cloudfront: {
    /** HTTPS requests, United States / Europe. */
    perMillionRequests: 1.0,
    /** Data transfer out to the internet, first 10 TB, United States / Europe. */
    perGbOut: 0.085,
    freeRequests: 10_000_000,
    freeGbOut: 1024,
  },
  s3: {
    /** GET and HEAD (a conditional GET answered 304 too). */
    perThousandGets: 0.0004,
    perThousandPuts: 0.005,
    perGbMonth: 0.023,
  },
  ses: {
    /** Outbound mail; the 3,000 free messages last only 12 months, so none here. */
    perThousandEmails: 0.1,
  },
  cloudwatch: {
    perGbLogsIngested: 0.5,
    freeGbLogs: 5,
    perAlarmMonth: 0.1,
    freeAlarms: 10,
  },
} as const;

export type Prices = typeof PRICES;
