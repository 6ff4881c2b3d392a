import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";

/** What `Field` passes to its control so the label, hint and error are announced with it. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  required?: boolean;
}

type ControlElement = ReactElement<{ id?: string; "aria-describedby"?: string; required?: boolean }>;

export interface FieldProps {
  label: ReactNode;
  /** Help shown under the label, linked to the control with `aria-describedby`. */
  hint?: ReactNode;
  /** When set, the control is marked `aria-invalid` and this text is linked to it. */
  error?: ReactNode;
  required?: boolean;
  /** The control's id; generated when omitted. */
  id?: string;
  className?: string;
  /** One control element (`<Input />`, `<Select />`, `<Textarea />`), or a function given the wiring props. */
  children: ControlElement | ((control: FieldControlProps) => ReactNode);
}

/**
 * A labelled form control. The label points at the control (`for`/`id`), and the hint and the
 * error are read out with it (`aria-describedby`); an error also sets `aria-invalid`.
 */
export function Field({ label, hint, error, required, id, className, children }: FieldProps) {
  const generated = useId();
  const controlId = id ?? (isValidElement(children) ? children.props.id : undefined) ?? `field${generated}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const existing = isValidElement(children) ? children.props["aria-describedby"] : undefined;
  const describedBy = [hintId, errorId, existing].filter(Boolean).join(" ") || undefined;

  const controlProps: FieldControlProps = {
    id: controlId,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(error ? { "aria-invalid": true as const } : {}),
    ...(required ? { required: true } : {}),
  };

  const control = typeof children === "function" ? children(controlProps) : cloneElement(children, controlProps);

  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={controlId} className="block text-sm font-medium text-ink">
        {label}
        {required ? (
          <span aria-hidden="true" className="ml-0.5 text-danger">
            *
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {control}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
