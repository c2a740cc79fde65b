import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from './api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a page; reloads when `deps` change, ignores answers that arrive after a newer request. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const run = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => run === latest.current && setState({ data, loading: false }),
      (error: unknown) => run === latest.current && setState({ error: toApiError(error), loading: false }),
    );
    // `load` is recreated every render; `deps` say when it means something else.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'CLIENT', error instanceof Error ? error.message : 'Something went wrong');
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorState({ error, retry }: { error: ApiError; retry?: () => void }) {
  return (
    <div className="error-state" role="alert">
      <p>
        <strong>{error.status === 404 ? 'Not found.' : 'This could not be loaded.'}</strong> {error.summary}
      </p>
      {retry && (
        <button type="button" className="button secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Loading, error or the content of a loaded value. */
export function Async<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  if (state.error) return <ErrorState error={state.error} retry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Cursor pagination: the API hands out the next page's cursor; the pages seen so far give "Previous". */
export function useCursorPager(): { cursor: string | undefined; page: number; next: (cursor: string) => void; previous: () => void; reset: () => void } {
  const [stack, setStack] = useState<string[]>([]);
  return {
    cursor: stack[stack.length - 1],
    page: stack.length + 1,
    next: (cursor) => setStack((s) => [...s, cursor]),
    previous: () => setStack((s) => s.slice(0, -1)),
    reset: () => setStack([]),
  };
}

export function Pager({ page, hasNext, onNext, onPrevious, label }: { page: number; hasNext: boolean; onNext: () => void; onPrevious: () => void; label: string }) {
  if (page === 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" className="button secondary" onClick={onPrevious} disabled={page === 1}>
        Previous
      </button>
      <span aria-live="polite">Page {page}</span>
      <button type="button" className="button secondary" onClick={onNext} disabled={!hasNext}>
        Next
      </button>
    </nav>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : '—';
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '—';
}

/** Money is integer minor units with a currency code. */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
}

export const DAY_MS = 24 * 3600 * 1000;

export function daysUntil(iso: string, now = Date.now()): number {
  return Math.ceil((new Date(iso).getTime() - now) / DAY_MS);
}

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`badge badge-${status.replace(/[^a-z_]/g, '')}`} data-testid={testId}>
      {status.replace(/_/g, ' ')}
    </span>
  );
}

/**
 * A decimal amount as typed ("1234.5", "1,234.50", "1234,5") in integer minor units, read as text so
 * no float rounding creeps in; undefined when it is not an amount with at most two decimals.
 */
export function parseMoney(input: string): number | undefined {
  const text = input.trim().replace(/[\s\u00a0]/g, '');
  let whole: string;
  let fraction = '';
  const plain = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  const grouped = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(text);
  if (plain) [, whole = '', fraction = ''] = plain;
  else if (grouped) [, whole = '', fraction = ''] = grouped;
  else return undefined;
  const cents = Number(whole.replace(/,/g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** Minor units as the plain decimal an input shows (123456 → "1234.56"). */
export function centsToDecimal(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Hands a downloaded file to the browser under `filename` through a short-lived blob URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A field's help text and its error, with the ids `aria-describedby` points at (`<id>-help`, `<id>-error`). */
export function FieldNotes({ id, help, error }: { id: string; help?: ReactNode; error?: string | null }) {
  return (
    <>
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled form field with its help and error, wired for screen readers. */
export function Field({ id, label, help, error, children }: { id: string; label: ReactNode; help?: ReactNode; error?: string | null; children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode }) {
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(describedBy, error ? true : undefined)}
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}

/** `value` once it has stopped changing for `ms` (a search box's text, a form's edits). */
export function useDebouncedValue<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const MAX_PAGES = 20;

/** Every page of a cursor-paginated list (catalogs are small: the kits one vendor publishes). */
export async function loadAll<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await fetchPage(cursor);
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}
