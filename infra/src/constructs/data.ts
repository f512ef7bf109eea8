/** The DynamoDB table, built from the shared schema in api/src/store/table.ts (never restated here). */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../../api/src/store/table.js';

const str = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });

export class Data extends Construct {
  readonly table: dynamodb.TableV2;
  /** ARNs of the table and each of its indexes (least-privilege grants name them one by one). */
  readonly tableArns: string[];

  /** `all`: the projection of stacks deployed before the indexes projected keys (config `indexProjection`). */
  constructor(scope: Construct, id: string, props: { projection?: 'keys' | 'all' } = {}) {
    super(scope, id);
    const all = props.projection === 'all';
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: str(TABLE_SCHEMA.partitionKey),
      sortKey: str(TABLE_SCHEMA.sortKey),
      billing: dynamodb.Billing.onDemand(),
      timeToLiveAttribute: TABLE_SCHEMA.ttlAttribute,
      dynamoStream: dynamodb.StreamViewType[TABLE_SCHEMA.stream],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Comments are the owner's data: `npm run destroy` keeps the table (deletion-protected, too).
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: TABLE_SCHEMA.indexes.map((ix) => ({
        indexName: ix.name,
        partitionKey: str(ix.partitionKey),
        sortKey: str(ix.sortKey),
        // `all` keeps the indexes such a stack was deployed with; one added since (`since`) projects keys.
        ...(all && !('since' in ix)
          ? { projectionType: dynamodb.ProjectionType.ALL }
          : ix.include.length
            ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...ix.include] }
            : { projectionType: dynamodb.ProjectionType.KEYS_ONLY }),
      })),
    });
    this.tableArns = [
      this.table.tableArn,
      ...TABLE_SCHEMA.indexes.map((ix) => `${this.table.tableArn}/index/${ix.name}`),
    ];
  }
}
