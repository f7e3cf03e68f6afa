/**
 * Serves the built renderer (out/renderer) to the browser: plain files, index.html for the
 * app's own routes, nothing outside the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The same policy as the meta tag in src/renderer/index.html, also sent as a header (a header
 * covers every response, the meta tag only the page). `connect-src 'self'` lets the page reach
 * the API on its own origin and nothing else.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function serveStatic(root: string | null, urlPath: string, response: ServerResponse): void {
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('The renderer is not built. Run `npm run build` (or `npm run serve`, which builds it).\n');
    return;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    relative = '/';
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  // The app's own routes (and anything unknown or outside) get the page.
  const target = realFileInside(root, file) ?? path.join(root, 'index.html');
  response.writeHead(200, {
    'content-type': TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  // A read that fails after the head was sent (the file vanished) closes this response only.
  pipeline(fs.createReadStream(target), response, () => undefined);
}

/**
 * `file`'s real path (symlinks resolved) when that is a plain file inside the real `root`, else
 * null. Checking the resolved name alone would let a link inside the folder lead anywhere.
 */
function realFileInside(root: string, file: string): string | null {
  try {
    const realRoot = fs.realpathSync(root);
    const real = fs.realpathSync(file);
    const inside = real.startsWith(realRoot + path.sep);
    return inside && fs.statSync(real).isFile() ? real : null;
  } catch {
    return null; // missing, a dangling link, unreadable
  }
}
