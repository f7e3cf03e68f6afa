/**
 * Who may talk to the browser host. It listens on 127.0.0.1 only, but any web page the user
 * opens could still try to reach it (CSRF) or reach it under its own domain name (DNS
 * rebinding), and any local program could too. So:
 *   - the Host header must name the loopback address and our port (defeats DNS rebinding);
 *   - a browser's Origin header, when sent, must be our own origin (defeats cross-site requests);
 *   - every API call must carry the random per-run token (only the user's own page has it).
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** The Host values we answer to. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export type Refusal = { status: 403; message: string } | null;

export function checkHostAndOrigin(request: IncomingMessage, port: number): Refusal {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).has(host)) {
    return { status: 403, message: `refused: Host "${host.slice(0, 100)}" is not this computer's tutor` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase())) {
    return { status: 403, message: `refused: requests from ${origin.slice(0, 100)} are not allowed` };
  }
  // Browsers that omit Origin on same-origin GETs still send Sec-Fetch-Site; refuse cross-site.
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') return { status: 403, message: 'refused: cross-site request' };
  return null;
}

/** Constant-time comparison so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
