import { z } from "zod";

/**
 * Conversion events: which sign-up button a visitor pressed, on which page. That is all an event
 * holds — no identifier, no IP address, no user agent — and it is only sent after the visitor
 * accepted the cookie banner (the route refuses it otherwise).
 */
export const SIGNUP_CTAS = ["home-hero", "home-footer", "product", "pricing-free", "pricing-pro", "pricing-enterprise"] as const;
export type SignupCta = (typeof SIGNUP_CTAS)[number];

export const EVENT_TYPES = ["signup_cta_click"] as const;

export const conversionEventSchema = z
  .object({
    type: z.enum(EVENT_TYPES, { error: `type is one of ${EVENT_TYPES.join(", ")}` }),
    cta: z.enum(SIGNUP_CTAS, { error: "cta names one of the site's sign-up buttons" }),
    page: z
      .string({ error: "page is the path the button was pressed on" })
      .max(200, { error: "page is at most 200 characters" })
      .regex(/^\/(?!\/)[A-Za-z0-9\-._~/]*$/, { error: "page is a path on this site, like /pricing" }),
  })
  .strict();
export type ConversionEvent = z.infer<typeof conversionEventSchema>;

/** What is stored for an event: the event and when the server received it. */
export interface StoredConversionEvent extends ConversionEvent {
  at: string;
}

/** The most an event body may weigh; a real one is under 100 bytes. */
export const EVENT_BODY_LIMIT = 1024;
