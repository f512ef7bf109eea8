/** Rules on the author's email domain: the site's hold/block list, and the optional disposable-mail list. */
import type { DomainAction } from '../contract/limits.js';
import type { SpamSettings } from '../store/items.js';

/** The domain of a (normalised) address, lower-case; undefined without one. */
export function emailDomain(email: string | undefined): string | undefined {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return undefined;
  return (
    email
      .slice(at + 1)
      .toLowerCase()
      .replace(/\.$/, '') || undefined
  );
}

/** The domain and each parent domain: `a.b.example.com`, `b.example.com`, `example.com`, `com`. */
function suffixes(domain: string): string[] {
  const parts = domain.split('.');
  return parts.map((_, i) => parts.slice(i).join('.'));
}

/** What the site's rules do with this domain (a rule for `example.com` covers its subdomains); block wins. */
export function domainRule(
  domain: string | undefined,
  rules: SpamSettings['emailDomains'],
): DomainAction | undefined {
  if (!domain || !rules?.length) return undefined;
  const mine = new Set(suffixes(domain));
  let action: DomainAction | undefined;
  for (const r of rules) {
    if (!mine.has(r.domain.replace(/^@/, '').toLowerCase())) continue;
    if (r.action === 'block') return 'block';
    action = 'hold';
  }
  return action;
}

let disposable: Promise<Set<string>> | undefined;

/**
 * The disposable-mail domains of the `disposable-email-domains-js` package (a list shipped with it, no
 * network), loaded on the first post of a site that asks: never on a read.
 */
function disposableDomains(): Promise<Set<string>> {
  disposable ??= import('disposable-email-domains-js').then(
    (m) => new Set(m.disposableEmailBlocklist().map((d) => d.toLowerCase())),
  );
  return disposable;
}

/** True when the domain (or a parent of it) is a known disposable-mail domain. */
export async function isDisposable(domain: string | undefined): Promise<boolean> {
  if (!domain) return false;
  const set = await disposableDomains();
  // Public suffixes (`com`) are never on the list; a subdomain of a listed domain is disposable too.
  return suffixes(domain).some((d) => set.has(d));
}
