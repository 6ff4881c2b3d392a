import type { InputHTMLAttributes, Ref } from "react";
import { cn } from "./cn";
import { controlClasses } from "./controlStyles";

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  ref?: Ref<HTMLInputElement>;
}

/** A text-like `<input>`. Put it inside a `Field` to get its label, hint and error wired up. */
export function Input({ className, type = "text", ...props }: InputProps) {
  return <input type={type} className={cn(controlClasses, "h-10", className)} {...props} />;
}
