"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

export type ToastTone = "info" | "success" | "warning" | "danger";

export interface ToastOptions {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds before it leaves on its own; paused while hovered or focused. `Infinity` keeps it. */
  duration?: number;
}

interface ToastRecord extends Required<Pick<ToastOptions, "title" | "tone" | "duration">> {
  id: number;
  description?: string;
}

export interface ToastApi {
  /** Shows a toast and returns its id. */
  toast: (options: ToastOptions) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const tones: Record<ToastTone, string> = {
  info: "border-brand-200 bg-surface",
  success: "border-success/50 bg-success-soft",
  warning: "border-warning/50 bg-warning-soft",
  danger: "border-danger/50 bg-danger-soft",
};

const toneLabel: Record<ToastTone, string> = {
  info: "Notice",
  success: "Success",
  warning: "Warning",
  danger: "Error",
};

function ToastItem({ toast, onDismiss }: { toast: ToastRecord; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const remaining = useRef(toast.duration);

  useEffect(() => {
    if (paused || !Number.isFinite(remaining.current)) return;
    const started = Date.now();
    const timer = setTimeout(() => onDismiss(toast.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current -= Date.now() - started;
    };
  }, [paused, onDismiss, toast.id]);

  return (
    <li
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className={cn("pointer-events-auto flex w-full items-start gap-3 rounded-card border p-4 text-sm shadow-lg", tones[toast.tone])}
    >
      <div className="min-w-0 flex-1">
        <p className="font-semibold text-ink">
          <span className="sr-only">{toneLabel[toast.tone]}: </span>
          {toast.title}
        </p>
        {toast.description ? <p className="mt-1 text-muted">{toast.description}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="-m-1 rounded-md p-1 text-muted hover:bg-canvas hover:text-ink focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <span className="sr-only">Dismiss notification</span>
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </li>
  );
}

export interface ToastProviderProps {
  children?: ReactNode;
  /** Name of the notifications region for screen-reader landmark navigation. */
  label?: string;
}

/**
 * Holds the toasts and renders them in one polite live region, present from the first render so
 * screen readers announce each new toast without stealing focus.
 */
export function ToastProvider({ children, label = "Notifications" }: ToastProviderProps) {
  const [toasts, setToasts] = useState<ToastRecord[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const toast = useCallback((options: ToastOptions) => {
    const id = nextId.current++;
    setToasts((all) => [
      ...all,
      { id, title: options.title, description: options.description, tone: options.tone ?? "info", duration: options.duration ?? 6000 },
    ]);
    return id;
  }, []);
  const api = useMemo<ToastApi>(() => ({ toast, dismiss }), [toast, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section aria-label={label} className="pointer-events-none fixed right-0 bottom-0 z-50 w-full max-w-sm p-4">
        <ol aria-live="polite" aria-relevant="additions text" className="flex flex-col gap-2">
          {toasts.map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </ol>
      </section>
    </ToastContext.Provider>
  );
}

/** Shows toasts from any client component inside a `ToastProvider`. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <ToastProvider>");
  return api;
}
