import type { Ref, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClasses } from "./controlStyles";

export interface TextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  ref?: Ref<HTMLTextAreaElement>;
}

export function Textarea({ className, rows = 4, ...props }: TextareaProps) {
  return <textarea rows={rows} className={cn(controlClasses, "min-h-20", className)} {...props} />;
}
