/** One bad field of a validation problem, as the API names it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly messages?: { readonly zh?: string; readonly en?: string };
}

/** An RFC 9457 problem document, with the fields Kesu adds. */
export interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: readonly FieldError[];
  readonly state?: string;
  readonly allowedActions?: readonly string[];
}

/** A request the API refused, with its problem document. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }
}

export interface Reply<T> {
  readonly status: number;
  readonly body: T;
  /** The resource's entity tag: what an edit sends back as If-Match. */
  readonly etag: string | null;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly query?: Record<string, string | number | undefined | null>;
  readonly body?: unknown;
  /** A file or other raw body, sent with its own content type. */
  readonly file?: Blob;
  readonly ifMatch?: string | null;
  readonly accept?: string;
  readonly headers?: Record<string, string>;
}

interface Session {
  token(): string | null;
  signedOut(): void;
}

let session: Session = { token: () => null, signedOut: () => undefined };

/** Where requests take their bearer token from, and what a 401 does (sign out). */
export function setTokenSource(source: Session): void {
  session = source;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A problem for an answer that is not one (a proxy's HTML page, an empty body). */
function asProblem(status: number, statusText: string, payload: unknown): Problem {
  if (payload && typeof payload === 'object' && 'status' in payload) return payload as Problem;
  return {
    title: statusText || `HTTP ${status}`,
    status,
    detail: typeof payload === 'string' ? payload : '',
  };
}

/** Sends a request to the public API; a refusal throws a ProblemError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = {
    accept: options.accept ?? 'application/json',
    ...options.headers,
  };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  let body: BodyInit | undefined;
  if (options.file) {
    body = options.file;
    headers['content-type'] = options.file.type || 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(withQuery(path, options.query), {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  const payload: unknown = type.includes('json') && text ? JSON.parse(text) : text;
  if (!response.ok) {
    if (response.status === 401 && token) session.signedOut();
    throw new ProblemError(asProblem(response.status, response.statusText, payload));
  }
  return { status: response.status, body: payload as T, etag: response.headers.get('etag') };
}

/** GET, answering the body. */
export const get = async <T>(path: string, query?: RequestOptions['query']): Promise<T> =>
  (await request<T>(path, { query })).body;

/** POST of a JSON body, answering the body. */
export const post = async <T>(path: string, body: unknown = {}, ifMatch?: string | null): Promise<T> =>
  (await request<T>(path, { method: 'POST', body, ifMatch })).body;
