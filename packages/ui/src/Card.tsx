import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

type CardElement = "div" | "section" | "article" | "li" | "aside";

export interface CardProps extends HTMLAttributes<HTMLElement> {
  /** The element to render; use `section`/`article` with an `aria-labelledby` when the card is a landmark-worthy unit. */
  as?: CardElement;
  children?: ReactNode;
}

/** A bordered surface grouping related content. */
export function Card({ as: Element = "div", className, ...props }: CardProps) {
  return <Element className={cn("rounded-card border border-line bg-surface p-6 shadow-sm", className)} {...props} />;
}

export interface CardTitleProps extends HTMLAttributes<HTMLHeadingElement> {
  /** Heading level, so the card fits the page's outline. */
  level?: 2 | 3 | 4;
}

export function CardTitle({ level = 3, className, ...props }: CardTitleProps) {
  const Heading = `h${level}` as const;
  return <Heading className={cn("text-lg font-semibold text-ink", className)} {...props} />;
}

export function CardDescription({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cn("mt-1 text-sm text-muted", className)} {...props} />;
}
