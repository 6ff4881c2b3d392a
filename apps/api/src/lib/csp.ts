import { randomBytes } from "node:crypto";

/**
 * The Content-Security-Policy of the API's pages (the hosted sign-in pages above all): scripts only
 * from this origin or carrying this response's nonce, no framing (clickjacking), no plugins, forms
 * posting only here. Inline style attributes stay allowed: tenant branding sets a colour variable.
 * Next applies the nonce to its own scripts when it finds it in the request's CSP header.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}
