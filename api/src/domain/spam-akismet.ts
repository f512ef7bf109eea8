/** Akismet's comment-check over HTTP (the URL is configurable so tests can stand in a local server). */

export interface AkismetInput {
  blog: string;
  userIp: string;
  userAgent: string;
  author: string;
  email?: string;
  website?: string;
  content: string;
  permalink?: string;
}

/** True when Akismet says spam; false on "false"; throws on anything else (callers fail open). */
export async function akismetCheck(
  baseUrl: string,
  key: string,
  input: AkismetInput,
  timeoutMs = 2000,
): Promise<boolean> {
  const form = new URLSearchParams({
    api_key: key,
    blog: input.blog,
    user_ip: input.userIp,
    user_agent: input.userAgent,
    comment_type: 'comment',
    comment_author: input.author,
    comment_content: input.content,
    ...(input.email ? { comment_author_email: input.email } : {}),
    ...(input.website ? { comment_author_url: input.website } : {}),
    ...(input.permalink ? { permalink: input.permalink } : {}),
  });
  const res = await fetch(`${baseUrl.replace(/\/$/, '')}/1.1/comment-check`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = (await res.text()).trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new Error(`akismet answered ${res.status}: ${text.slice(0, 80)}`);
}
