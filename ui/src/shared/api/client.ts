// A small fetch wrapper: session cookie + CSRF header, problem details as errors, 401 sends the browser to the login.

export type Problem = {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  /** Of a 503 service-busy answer: whether part of the request may be stored. */
  changed?: boolean;
};

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status() {
    return this.problem.status;
  }
}

export function csrfToken(cookie: string = document.cookie): string {
  const match = cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/** Where the login lives. The platform keeps /login as the entry point in every security mode (form or OIDC). */
export const LOGIN_URL = '/login';

let onUnauthenticated = () => {
  window.location.assign(LOGIN_URL);
};

/** For tests. */
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

export type RequestOptions = { headers?: Record<string, string>; rawBody?: string; contentType?: string };

/** How often a request answered "503 service-busy, nothing changed" is sent again before the error is shown. */
export const BUSY_RETRIES = 4;

const BUSY_TYPE = 'https://openwd.org/problems/service-busy';

let sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** For tests: how the client waits between two attempts. */
export function setSleep(wait: (ms: number) => Promise<void>) {
  sleep = wait;
}

/**
 * Milliseconds to wait before repeating a request the platform refused as busy without changing anything (problem type
 * service-busy, changed: false), or null when it must not be repeated. The wait is the Retry-After (1-10 s) plus up to
 * half of it at random, so a wave of inboxes refused together does not come back together.
 */
export async function busyRetryDelay(response: Response, random: () => number = Math.random): Promise<number | null> {
  if (response.status !== 503) return null;
  let problem: { type?: string; changed?: boolean };
  try {
    problem = await response.clone().json();
  } catch {
    return null;
  }
  if (problem.type !== BUSY_TYPE || problem.changed !== false) return null;
  const seconds = Number(response.headers.get('Retry-After'));
  const base = 1000 * Math.min(10, Math.max(1, Number.isFinite(seconds) ? seconds : 1));
  return Math.round(base + random() * base * 0.5);
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.rawBody !== undefined) headers['Content-Type'] = options.contentType ?? 'text/plain';
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  const send = () =>
    fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  let response = await send();
  for (let attempt = 0; attempt < BUSY_RETRIES; attempt++) {
    const delay = await busyRetryDelay(response);
    if (delay === null) break;
    await sleep(delay);
    response = await send();
  }
  if (response.status === 401) {
    onUnauthenticated();
    throw new ApiError({ status: 401, title: 'Unauthenticated' });
  }
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { ...(await response.json()), status: response.status };
    } catch {
      // not a problem document
    }
    throw new ApiError(problem);
  }
  if (response.status === 204 || response.headers.get('Content-Length') === '0') {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);

export function query(params: Record<string, string | number | undefined | null | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => search.append(key, v));
    else search.append(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
