/** Vitest global setup: one in-memory DynamoDB Local for the whole test run. */
import type { TestProject } from 'vitest/node';
import { startLocalDynamo } from '../store/local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const local = await startLocalDynamo();
  project.provide('dynamodbEndpoint', local.endpoint);
  return async () => {
    await local.stop();
  };
}
