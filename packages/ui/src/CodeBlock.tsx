import type { ReactNode } from "react";
import { cn } from "./cn";

export interface CodeBlockProps {
  children: ReactNode;
  /** A short name for the block, e.g. "Terminal"; shown above it and read with it. */
  label?: string;
  className?: string;
}

/**
 * Preformatted code that wraps instead of scrolling, so it never becomes a scroll region a
 * keyboard user cannot reach.
 */
export function CodeBlock({ children, label, className }: CodeBlockProps) {
  const pre = (
    <pre className={cn("rounded-md bg-ink px-4 py-3 font-mono text-sm leading-relaxed break-words whitespace-pre-wrap text-white", className)}>
      <code>{children}</code>
    </pre>
  );
  if (!label) return pre;
  return (
    <figure className="space-y-1.5">
      <figcaption className="text-xs font-semibold tracking-wide text-muted uppercase">{label}</figcaption>
      {pre}
    </figure>
  );
}
