/**
 * Root fields of the public page (公众监督), answered to anyone, signed in or not, even where the hub
 * runs with ANONYMOUS_READ=false (server/security/access.ts lets them through): the public page's
 * own types (schema/public/public.types.ts, PublicComment) reach nothing but approved progress, plan
 * texts and published comments, so opening them opens nothing else. postComment is the one anonymous
 * write: a comment only waits for the office. publicOverview and publicComments are served from the
 * answer cache (server/cache/response-cache.ts), keyed as anonymous for everyone who is.
 */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set(['publicOverview', 'publicComments', 'postComment']);
