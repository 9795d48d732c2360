/**
 * Headers on every response. The Content-Security-Policy is the desktop app's (one
 * source, csp.ts): no inline script, no other hosts, no framing. no-referrer keeps the
 * page's address out of any Referer. No Access-Control-* header is ever set: other
 * origins get no CORS permission.
 */
import { contentSecurityPolicy } from '../electron/csp';

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
