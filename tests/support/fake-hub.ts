/**
 * A local HTTP server that answers like the Hugging Face Hub for the calls the app makes, so
 * download, "get" job and e2e tests run offline against real HTTP:
 *   GET /api/models/<repo>/revision/<rev>      → { id, sha }                (main or the commit)
 *   GET /api/models/<repo>/tree/<rev>?recursive → file list with lfs.oid (sha256), paged by Link
 *   GET /<repo>/resolve/<rev>/<path>           → small files inline; LFS files 302 to a second
 *                                                 server (another origin, like the Hub's CDN) with
 *                                                 x-linked-etag / x-linked-size / x-repo-commit
 *   GET <cdn>/lfs/<sha256>                     → the bytes, with Range (206) support
 * Repositories may require a token (401 without or with a wrong one; x-error-code as the Hub's),
 * be gated for that token (403 GatedRepo), and misbehave on demand: cut a transfer after N bytes,
 * serve damaged bytes, or send slowly (for a screenshot of a download in progress).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FakeRepo {
  /** "owner/name". */
  id: string;
  /** 40 hex digits; default: derived from the id. */
  commit?: string;
  /** Path → content. */
  files: Record<string, Buffer>;
  /** When set, every request for this repo needs `Authorization: Bearer <token>`. */
  token?: string;
  /** The token is known but has not accepted the repo's conditions: 403 GatedRepo. */
  gated?: boolean;
}

export interface FakeHubBehaviour {
  /** Close the connection after this many body bytes of the next LFS transfer of this path (once). */
  cutAfter?: { path: string; bytes: number } | null;
  /** Paths whose LFS bytes are served with one byte changed (the listing keeps the true sha256). */
  damaged?: Set<string>;
  /** Limit LFS transfers to about this many bytes per second (0 = as fast as possible). */
  bytesPerSecond?: number;
}

export interface FakeHub {
  endpoint: string;
  /** Every request as "METHOD path (auth: yes|no)", hub and CDN, in order. */
  requests: string[];
  behaviour: FakeHubBehaviour;
  commitOf(repo: string): string;
  close(): Promise<void>;
}

/** Files with these names or over 1 KiB are LFS files, as on the Hub. */
function isLfs(file: string, content: Buffer): boolean {
  return file.endsWith('.safetensors') || file.endsWith('.model') || content.length > 1024;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A folder's files (top level) as FakeRepo files: e.g. the fixture checkpoint. */
export function filesOfFolder(folder: string): Record<string, Buffer> {
  return Object.fromEntries(fs.readdirSync(folder).filter((n) => fs.statSync(path.join(folder, n)).isFile())
    .map((n) => [n, fs.readFileSync(path.join(folder, n))]));
}

export async function startFakeHub(repos: FakeRepo[], options: { pageSize?: number } = {}): Promise<FakeHub> {
  const pageSize = options.pageSize ?? 1000;
  const requests: string[] = [];
  const behaviour: FakeHubBehaviour = { cutAfter: null, damaged: new Set(), bytesPerSecond: 0 };
  const byId = new Map(repos.map((r) => [r.id, { ...r, commit: r.commit ?? sha1Hex(r.id) }]));
  const blobs = new Map<string, { file: string; content: Buffer }>();
  for (const repo of byId.values()) {
    for (const [file, content] of Object.entries(repo.files)) if (isLfs(file, content)) blobs.set(sha256(content), { file, content });
  }

  const cdn = http.createServer((req, res) => {
    requests.push(`${req.method} cdn${req.url} (auth: ${req.headers.authorization ? 'yes' : 'no'})`);
    const match = /^\/lfs\/([0-9a-f]{64})/.exec(req.url ?? '');
    const blob = match ? blobs.get(match[1]!) : undefined;
    if (!blob) return void res.writeHead(404).end();
    let bytes = blob.content;
    if (behaviour.damaged?.has(blob.file)) {
      bytes = Buffer.from(bytes);
      bytes[bytes.length - 1] ^= 0xff;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start >= bytes.length && bytes.length > 0) return void res.writeHead(416, { 'content-range': `bytes */${bytes.length}` }).end();
    const body = bytes.subarray(start);
    res.writeHead(range ? 206 : 200, {
      'content-length': body.length,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      ...(range ? { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}),
    });
    const cut = behaviour.cutAfter?.path === blob.file ? behaviour.cutAfter.bytes : null;
    if (cut !== null) behaviour.cutAfter = null;
    void send(res, cut === null ? body : body.subarray(0, cut), cut !== null, behaviour.bytesPerSecond ?? 0);
  });

  const hub = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    const auth = req.headers.authorization ?? '';
    requests.push(`${req.method} ${url.pathname} (auth: ${auth ? 'yes' : 'no'})`);
    const api = /^\/api\/models\/([^/]+\/[^/]+)\/(revision|tree)\/([^/]+)$/.exec(url.pathname);
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const repoId = api?.[1] ?? resolve?.[1];
    const repo = repoId ? byId.get(repoId) : undefined;
    if (!repo) return void error(res, 404, 'RepoNotFound', 'Repository not found');
    if (repo.token && auth !== `Bearer ${repo.token}`) return void error(res, 401, auth ? '' : 'GatedRepo', 'Invalid credentials');
    if (repo.gated) return void error(res, 403, 'GatedRepo', 'Access to this model is restricted');
    const revision = decodeURIComponent((api?.[3] ?? resolve?.[2])!);
    if (revision !== 'main' && revision !== repo.commit) return void error(res, 404, 'RevisionNotFound', 'Invalid rev id');

    if (api?.[2] === 'revision') return void json(res, { id: repo.id, sha: repo.commit });
    if (api?.[2] === 'tree') {
      const entries = Object.entries(repo.files).sort(([a], [b]) => a.localeCompare(b)).map(([file, content]) => ({
        type: 'file',
        oid: sha1Hex(file + content.length),
        size: isLfs(file, content) ? 134 : content.length, // an LFS entry's own size is its pointer's
        path: file,
        ...(isLfs(file, content) ? { lfs: { oid: sha256(content), size: content.length, pointerSize: 134 } } : {}),
      }));
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      const page = entries.slice(cursor, cursor + pageSize);
      const headers: Record<string, string> = {};
      if (cursor + pageSize < entries.length) {
        headers.link = `<http://${req.headers.host}${url.pathname}?recursive=true&cursor=${cursor + pageSize}>; rel="next"`;
      }
      return void json(res, page, headers);
    }
    const file = decodeURIComponent(resolve![3]!);
    const content = repo.files[file];
    if (!content) return void error(res, 404, 'EntryNotFound', 'Entry not found');
    if (isLfs(file, content)) {
      res.writeHead(302, {
        location: `${cdnOrigin}/lfs/${sha256(content)}?name=${encodeURIComponent(file)}`,
        'x-linked-etag': `"${sha256(content)}"`,
        'x-linked-size': String(content.length),
        'x-repo-commit': repo.commit,
      });
      return void res.end();
    }
    res.writeHead(200, { 'content-length': content.length, etag: `"${sha1Hex(file)}"`, 'x-repo-commit': repo.commit });
    res.end(content);
  });

  await Promise.all([hub, cdn].map((s) => new Promise<void>((done) => s.listen(0, '127.0.0.1', done))));
  const cdnOrigin = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
  return {
    endpoint: `http://127.0.0.1:${(hub.address() as AddressInfo).port}`,
    requests,
    behaviour,
    commitOf: (id) => byId.get(id)!.commit,
    async close() {
      for (const server of [hub, cdn]) {
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
      }
    },
  };
}

/** Writes `body`, at most `bytesPerSecond` (in 64 KiB steps), then ends or (cut) drops the connection. */
async function send(res: http.ServerResponse, body: Buffer, cut: boolean, bytesPerSecond: number): Promise<void> {
  const step = 64 * 1024;
  for (let at = 0; at < body.length && !res.destroyed; at += step) {
    const piece = body.subarray(at, at + step);
    // Wait until each piece is handed to the socket, so a cut sends exactly `body`.
    await new Promise<void>((done) => res.write(piece, () => done()));
    if (bytesPerSecond > 0) await new Promise((done) => setTimeout(done, (piece.length / bytesPerSecond) * 1000));
  }
  if (cut) res.destroy();
  else res.end();
}

function json(res: http.ServerResponse, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function error(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(code ? { 'x-error-code': code } : {}) });
  res.end(JSON.stringify({ error: message }));
}

function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
