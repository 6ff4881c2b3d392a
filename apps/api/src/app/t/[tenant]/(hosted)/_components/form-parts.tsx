"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { Alert, Button, type ButtonVariant } from "@plinto/ui";
import type { FormState } from "../_lib/form-state";

/** A hosted form's server action after the page bound it to its tenant. */
export type BoundFormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** The form's submit button; while the action runs (with JavaScript) it says so and cannot be pressed twice. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
}: {
  children: ReactNode;
  pendingLabel: string;
  variant?: ButtonVariant;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending} className="w-full">
      {pending ? pendingLabel : children}
    </Button>
  );
}

/**
 * The outcome of the last submission: an error interrupts (`role="alert"`), a success is announced
 * politely (`role="status"`). `help` adds the next step to an error (a link, say).
 */
export function FormMessage({ state, help }: { state: FormState; help?: ReactNode }) {
  if (state.status === "idle" || !state.message) return null;
  if (state.status === "done") return <Alert variant="success">{state.message}</Alert>;
  return (
    <Alert variant="danger">
      <p>{state.message}</p>
      {help ? <p>{help}</p> : null}
    </Alert>
  );
}

export const linkClasses = "font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800";
