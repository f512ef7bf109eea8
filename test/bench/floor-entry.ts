/**
 * The cold-start floor: a Lambda handler that imports only the DynamoDB SDK and does a thread read's two
 * reads (the site's settings, the page meta with its first listed comments), bundled as the API is.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys, PAGE_META, PAGE_SK_END } from '../../api/src/store/keys.js';

const env = process.env;
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: env.DYNAMODB_ENDPOINT,
    region: env.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);

export const handler = async (event: { queryStringParameters?: Record<string, string> }) => {
  const { site = '', page = '' } = event.queryStringParameters ?? {};
  const TableName = env.AFTERWORD_TABLE;
  const settings = await doc.send(new GetCommand({ TableName, Key: keys.site(site) }));
  const thread = await doc.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': keys.pagePk(site, page), ':lo': PAGE_META, ':hi': PAGE_SK_END },
      Limit: 31,
    }),
  );
  return { statusCode: settings.Item && thread.Items?.length ? 200 : 404, body: '' };
};
