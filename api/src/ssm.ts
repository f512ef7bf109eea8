/** The two names of the SSM client the entry uses, re-exported so the bundle keeps only them (imported lazily by secret.ts). */
export { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
