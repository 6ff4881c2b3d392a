"use client";

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "./Button";
import { cn } from "./cn";

export interface DialogProps {
  /** The dialog's heading; it also names the dialog (`aria-labelledby`). */
  title: ReactNode;
  /** A sentence under the title, read out when the dialog opens (`aria-describedby`). */
  description?: ReactNode;
  /** Text of the button that opens the dialog. Omit it to control the dialog with `open`. */
  triggerLabel?: ReactNode;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  /** Controlled open state; leave undefined to let the trigger manage it. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The body; a function receives `close` for buttons inside the dialog. */
  children?: ReactNode | ((close: () => void) => ReactNode);
  /** Buttons along the bottom (Cancel / Confirm); a function receives `close`. */
  actions?: ReactNode | ((close: () => void) => ReactNode);
  className?: string;
}

/**
 * A modal dialog on the native `<dialog>` element: `showModal()` makes the rest of the page inert
 * and moves focus inside; Esc closes it; focus goes back to whatever opened it.
 */
export function Dialog({
  title,
  description,
  triggerLabel,
  triggerVariant = "secondary",
  triggerSize,
  open: controlledOpen,
  onOpenChange,
  children,
  actions,
  className,
}: DialogProps) {
  const id = useId();
  const titleId = `dialog${id}-title`;
  const descriptionId = `dialog${id}-description`;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const isControlled = controlledOpen !== undefined;
  const open = isControlled ? controlledOpen : uncontrolledOpen;

  const setOpen = useCallback(
    (next: boolean) => {
      if (!isControlled) setUncontrolledOpen(next);
      onOpenChange?.(next);
    },
    [isControlled, onOpenChange],
  );
  const close = useCallback(() => setOpen(false), [setOpen]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const active = document.activeElement;
      returnFocusRef.current = active instanceof HTMLElement ? active : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // The native close event fires for Esc, `form method="dialog"` and `dialog.close()` alike.
  const handleClose = () => {
    if (open) setOpen(false);
    const target = returnFocusRef.current;
    returnFocusRef.current = null;
    if (target && target.isConnected) target.focus();
  };

  const render = (slot: DialogProps["children"]) => (typeof slot === "function" ? slot(close) : slot);

  return (
    <>
      {triggerLabel !== undefined ? (
        <Button variant={triggerVariant} size={triggerSize} aria-haspopup="dialog" onClick={() => setOpen(true)}>
          {triggerLabel}
        </Button>
      ) : null}
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        onClose={handleClose}
        onClick={(event) => {
          // A click on the backdrop lands on the <dialog> itself, outside its padded content.
          if (event.target === event.currentTarget) {
            const rect = event.currentTarget.getBoundingClientRect();
            const inside = event.clientX >= rect.left && event.clientX <= rect.right && event.clientY >= rect.top && event.clientY <= rect.bottom;
            if (!inside) close();
          }
        }}
        className={cn(
          "m-auto w-[min(32rem,calc(100vw-2rem))] rounded-card border border-line bg-surface p-0 text-ink shadow-xl backdrop:bg-ink/50",
          className,
        )}
      >
        <div className="p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <button
              type="button"
              onClick={close}
              aria-label="Close"
              className="-m-1 rounded-md p-1 text-muted hover:bg-canvas hover:text-ink focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                <path d="M6 6l12 12M18 6L6 18" />
              </svg>
            </button>
          </div>
          {description ? (
            <p id={descriptionId} className="mt-1 text-sm text-muted">
              {description}
            </p>
          ) : null}
          {children !== undefined ? <div className="mt-4 text-sm">{render(children)}</div> : null}
          {actions !== undefined ? <div className="mt-6 flex flex-wrap justify-end gap-2">{render(actions)}</div> : null}
        </div>
      </dialog>
    </>
  );
}
