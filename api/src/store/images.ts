/** Stream record images (DynamoDB's attribute-value JSON) decoded into plain items. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** A stream record's NewImage or OldImage as a plain item (undefined when the record has none). */
export function decodeImage(image: unknown): Record<string, unknown> | undefined {
  return image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
}
