import type { Ref, SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClasses } from "./controlStyles";

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  ref?: Ref<HTMLSelectElement>;
}

/** A native `<select>`: keyboard and screen-reader behaviour come from the platform. */
export function Select({ className, ...props }: SelectProps) {
  return <select className={cn(controlClasses, "h-10 pr-8", className)} {...props} />;
}
