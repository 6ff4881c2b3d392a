/** A class value as `cn` accepts it: strings, falsy values to skip, arrays, or `{ class: condition }`. */
export type ClassValue = string | number | bigint | boolean | null | undefined | ClassValue[] | { [className: string]: unknown };

/**
 * Joins class names, dropping falsy values. Deliberately tiny: it does not resolve conflicting
 * Tailwind utilities, so a caller's `className` is appended and should add, not override.
 */
export function cn(...inputs: ClassValue[]): string {
  const out: string[] = [];
  const visit = (value: ClassValue): void => {
    if (value === null || value === undefined || value === false || value === true || value === "") return;
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") {
      out.push(String(value));
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else {
      for (const [name, on] of Object.entries(value)) if (on) out.push(name);
    }
  };
  inputs.forEach(visit);
  return out.join(" ");
}
