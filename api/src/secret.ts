/** Resolves the key for tokens and hashes on Lambda: from the env, or from SSM Parameter Store once per cold start. */

type Env = Record<string, string | undefined>;

export async function resolveSecret(env: Env): Promise<string | undefined> {
  if (env.AFTERWORD_SECRET) return env.AFTERWORD_SECRET;
  const name = env.AFTERWORD_SECRET_PARAMETER;
  if (!name) return undefined;
  const { SSMClient, GetParameterCommand } = await import('./ssm.js');
  const ssm = new SSMClient({});
  const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  const value = out.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${name} is empty`);
  return value;
}
