import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

type Kind = 'success' | 'error' | 'info';
interface Toast {
  id: number;
  kind: Kind;
  message: string;
}

interface Notifier {
  notify: (message: string, kind?: Kind) => void;
}

const ToastContext = createContext<Notifier>({ notify: () => undefined });

/** Feedback for every action: shown on screen and announced (errors assertively). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const notify = useCallback(
    (message: string, kind: Kind = 'success') => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-3), { id, kind, message }]);
      window.setTimeout(() => dismiss(id), kind === 'error' ? 10_000 : 6_000);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ notify }), [notify]);
  const list = (kinds: Kind[]) =>
    toasts
      .filter((t) => kinds.includes(t.kind))
      .map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`}>
          <span>{t.message}</span>
          <button type="button" className="link-button" onClick={() => dismiss(t.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ));
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts">
        <div role="status" aria-live="polite" data-testid="toast-status">
          {list(['success', 'info'])}
        </div>
        <div role="alert" aria-live="assertive" data-testid="toast-alert">
          {list(['error'])}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Notifier {
  return useContext(ToastContext);
}
