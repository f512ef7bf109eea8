/** Webmention receiving (W3C Recommendation): the form a sender posts, the path parameters, the status shapes. */
import { type } from 'arktype';
import { SiteId } from './requests.js';

/** Longest `source` or `target` URL taken. */
export const WEBMENTION_URL_MAX = 2000;
/** Largest form body the endpoint reads (two URLs and a little more a sender may add). */
export const WEBMENTION_BODY_MAX = 8 * 1024;

const Url = type.string.atLeastLength(1).atMostLength(WEBMENTION_URL_MAX);

/** The form (`application/x-www-form-urlencoded`); other fields a sender adds are ignored. */
export const WebmentionForm = type({ source: Url, target: Url });
export const WebmentionSiteParam = type({ site: SiteId });
export const WebmentionStatusParam = type({ site: SiteId, id: type(/^[0-9a-z]{8,40}$/) });

export const WEBMENTION_STATUSES = ['queued', 'accepted', 'refused', 'failed'] as const;
export const WEBMENTION_RESULTS = ['reply', 'like', 'repost', 'mention', 'removed'] as const;
