/**
 * The few Hugging Face Hub API calls the "get a model" job needs, over plain fetch (three GET
 * requests did not justify a client library): pin a revision to its commit id, list the files at
 * that commit (with each LFS file's SHA-256), and the address to download one file from.
 *
 * The endpoint is configurable (DAGGER_TUTOR_HF_ENDPOINT, or HF_ENDPOINT as the Hub's own tools
 * use it), so tests and e2e run against tests/support/fake-hub.ts. The access token is sent as a
 * bearer header and never appears in a message, a log or a file written by this module.
 */
import { DownloadError } from '../download.js';

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/** The Hub endpoint for this process: DAGGER_TUTOR_HF_ENDPOINT, then HF_ENDPOINT, then huggingface.co. */
export function hubEndpointFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.DAGGER_TUTOR_HF_ENDPOINT || env.HF_ENDPOINT || DEFAULT_HUB_ENDPOINT).replace(/\/+$/, '');
}

/** One file of a repository at a commit. */
export interface HubFile {
  path: string;
  size: number;
  /** SHA-256 of the content for LFS files (the Hub's `lfs.oid`); null for small git files. */
  sha256: string | null;
}

/** "owner/name": letters, digits, `-`, `_`, `.`; what huggingface.co accepts as a model id. */
const REPO_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/;

export function isRepoId(value: string): boolean {
  return REPO_ID.test(value) && !value.includes('..');
}

interface TreeEntry {
  type: string;
  path: string;
  size: number;
  lfs?: { oid: string; size: number };
}

export class HubClient {
  readonly endpoint: string;
  private readonly token: string | null;
  constructor(options: { endpoint?: string; token?: string | null } = {}) {
    this.endpoint = (options.endpoint ?? hubEndpointFromEnv()).replace(/\/+$/, '');
    this.token = options.token ?? null;
  }

  /** Headers for every Hub request (the token, when there is one). */
  get headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  /** The commit id a branch, tag or commit names now: the job pins every file to it. */
  async resolveRevision(repo: string, revision = 'main'): Promise<string> {
    const info = await this.getJson<{ sha?: unknown }>(repo, `/api/models/${repo}/revision/${encodeURIComponent(revision)}`);
    if (typeof info.sha !== 'string' || !/^[0-9a-f]{40}$/.test(info.sha)) {
      throw new DownloadError(`the Hub did not say which commit ${repo}@${revision} is`, 'HTTP', { repo });
    }
    return info.sha;
  }

  /** Every file of `repo` at `commit` (folders walked; the listing's pages followed). */
  async listFiles(repo: string, commit: string): Promise<HubFile[]> {
    const files: HubFile[] = [];
    let next: string | null = `${this.endpoint}/api/models/${repo}/tree/${commit}?recursive=true`;
    while (next) {
      const response = await this.get(repo, next);
      const page = (await response.json()) as TreeEntry[];
      if (!Array.isArray(page)) throw new DownloadError(`the Hub's file list of ${repo} is not a list`, 'HTTP', { repo });
      for (const entry of page) {
        if (entry.type !== 'file') continue;
        files.push({ path: entry.path, size: entry.lfs?.size ?? entry.size, sha256: entry.lfs?.oid ?? null });
      }
      next = nextPage(response.headers.get('link'));
    }
    return files;
  }

  /** Where one file of the pinned commit is downloaded from (the Hub redirects LFS files). */
  fileUrl(repo: string, commit: string, file: string): string {
    return `${this.endpoint}/${repo}/resolve/${commit}/${file.split('/').map(encodeURIComponent).join('/')}`;
  }

  private async getJson<T>(repo: string, pathAndQuery: string): Promise<T> {
    return (await (await this.get(repo, `${this.endpoint}${pathAndQuery}`)).json()) as T;
  }

  private async get(repo: string, url: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { headers: this.headers });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new DownloadError(`could not reach ${new URL(this.endpoint).host} (${cause}); check the internet connection and try again`, 'NETWORK', { repo });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw hubHttpError(repo, response, this.token !== null);
    }
    return response;
  }
}

/**
 * A refused Hub request as a sentence saying what to do. The Hub answers 401 both for a gated or
 * private repository without a (valid) token and for one that does not exist (it will not say
 * which to a stranger); its `x-error-code` header tells them apart when present.
 */
export function hubHttpError(repo: string, response: Response, hasToken: boolean): DownloadError {
  const errorCode = response.headers.get('x-error-code') ?? '';
  const page = `huggingface.co/${repo}`;
  if (response.status === 404 || errorCode === 'RepoNotFound' || errorCode === 'RevisionNotFound' || errorCode === 'EntryNotFound') {
    return new DownloadError(`${repo} was not found on the Hub (no such repository, revision or file${hasToken ? '' : ', or it is private: add an access token'}); check the name`, 'NOT_FOUND', { repo });
  }
  if (response.status === 403) {
    return new DownloadError(`${repo} is gated: sign in at ${page}, accept its conditions with the account whose access token you use, then try again`, 'GATED', { repo });
  }
  if (response.status === 401) {
    return new DownloadError(hasToken
      ? `the Hub did not accept the access token for ${repo}: make a new read token at huggingface.co/settings/tokens and save it in Settings (HF_TOKEN for the command line)`
      : `${repo} needs an access token: accept its conditions at ${page}, make a read token at huggingface.co/settings/tokens and save it in Settings (HF_TOKEN for the command line)`,
    'UNAUTHORIZED', { repo });
  }
  return new DownloadError(`the Hub answered HTTP ${response.status} for ${repo}; try again later`, 'HTTP', { repo });
}

/** The `rel="next"` address of an RFC 8288 Link header (the Hub pages long listings). */
function nextPage(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1]!;
  }
  return null;
}
