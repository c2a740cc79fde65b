import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

const TOKEN_KEY = 'channelkit.session';

/** The session token lives in sessionStorage: it ends with the tab, and the API revokes it on logout. */
export const sessionToken = {
  get(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

const unauthorizedListeners = new Set<() => void>();

/** Called when the API answers 401 to a request that carried a token (expired or revoked session). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const bearer: Middleware = {
  onRequest({ request }) {
    const token = sessionToken.get();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) {
      sessionToken.clear();
      for (const listener of unauthorizedListeners) listener();
    }
    return response;
  },
};

/**
 * The typed API client: paths, parameters, bodies and answers come from the OpenAPI document (schema.d.ts).
 * Answers are typed as their JSON; pass `parseAs: 'blob'` for a file (an image, a CSV).
 */
export const api = createClient<paths, `${string}/json`>({ baseUrl: '' });
api.use(bearer);

/** One bad field of a 400/422 answer, as the API reports it. */
export interface FieldProblem {
  field: string;
  problems: string[];
  rule?: string;
}

/** The API's error body: `{ statusCode, code, message, details?, requestId }`. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: FieldProblem[] } & Record<string, unknown>;
  requestId?: string;
}

/**
 * An error the API (or the network) gave. `fields` maps each field the API named to its problems, so
 * a form can show them next to the inputs (`edits.<templateId>.<key>` for launch edits).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
    readonly details: Record<string, unknown> = {},
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(response: Response, body: unknown): ApiError {
    if (isErrorBody(body)) {
      const fields: Record<string, string[]> = {};
      for (const f of body.details?.fields ?? []) fields[f.field] = [...(fields[f.field] ?? []), ...f.problems];
      return new ApiError(body.statusCode, body.code, body.message, fields, body.details ?? {}, body.requestId);
    }
    return new ApiError(response.status, 'HTTP_' + String(response.status), response.statusText || 'The request failed');
  }

  /** The problems of one field, joined for display; undefined when the API did not name it. */
  fieldMessage(field: string): string | undefined {
    return this.fields[field]?.join(' ');
  }

  /** A sentence for a toast: the message, with the request id support can look up for server errors. */
  get summary(): string {
    return this.status >= 500 && this.requestId ? `${this.message} (reference ${this.requestId})` : this.message;
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).code === 'string' && typeof (body as ApiErrorBody).message === 'string';
}

type Answer = { data?: unknown; error?: unknown; response: Response };

async function settle<R extends Answer>(request: Promise<R>): Promise<R> {
  let answer: R;
  try {
    answer = await request;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check your connection and try again.');
  }
  if (!answer.response.ok) throw ApiError.from(answer.response, answer.error);
  return answer;
}

/** Awaits a typed client call: its data, or an ApiError. */
export async function call<R extends Answer>(request: Promise<R>): Promise<NonNullable<R['data']>> {
  return (await settle(request)).data as NonNullable<R['data']>;
}

/**
 * For the few operations whose answer the OpenAPI document does not describe yet (see types.ts):
 * the typed request, and the answer as `T`.
 */
export async function callAs<T>(request: Promise<Answer>): Promise<T> {
  return (await settle(request)).data as T;
}

/** A random Idempotency-Key, also where crypto.randomUUID is missing (plain http on a LAN address). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
