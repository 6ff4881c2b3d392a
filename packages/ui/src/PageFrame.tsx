import type { ReactNode } from "react";
import { Alert } from "./Alert";
import { Button, ButtonLink, type ButtonVariant } from "./Button";

export interface PageFrameProps {
  /** A short line above the title saying whose page this is (a tenant, "Your account"). */
  eyebrow: ReactNode;
  title: string;
  lead?: ReactNode;
  /** An action beside the title, e.g. a "New …" button. */
  action?: ReactNode;
  children: ReactNode;
}

/** The frame of a signed-in site's page: eyebrow, title, lead and an optional action, then the content. */
export function PageFrame(props: PageFrameProps) {
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-10 sm:px-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm font-semibold text-brand-700">{props.eyebrow}</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight">{props.title}</h1>
          {props.lead ? <p className="mt-2 max-w-3xl text-muted">{props.lead}</p> : null}
        </div>
        {props.action}
      </header>
      {props.children}
    </div>
  );
}

export interface ConfirmPanelProps {
  title: string;
  consequence: ReactNode;
  action: (form: FormData) => void | Promise<void>;
  fields?: Record<string, string>;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  cancelHref: string;
  cancelLabel: string;
}

/**
 * The confirmation step of a consequential action, as its own page state (`?confirm=…`), so it
 * works without JavaScript: what will happen, the button that does it, and a way back.
 */
export function ConfirmPanel(props: ConfirmPanelProps) {
  return (
    <Alert variant="warning" title={props.title}>
      <form action={props.action} className="mt-2 flex flex-wrap items-center gap-3">
        {Object.entries(props.fields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <span>{props.consequence}</span>
        <Button type="submit" variant={props.confirmVariant ?? "primary"}>
          {props.confirmLabel}
        </Button>
        <ButtonLink href={props.cancelHref} variant="ghost">
          {props.cancelLabel}
        </ButtonLink>
      </form>
    </Alert>
  );
}
