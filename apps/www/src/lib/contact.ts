import { z } from "zod";

/** What a contact message is about; it decides nothing but who reads it first. */
export const CONTACT_TOPICS = {
  sales: "Plans and pricing",
  support: "Help running Plinto",
  security: "Reporting a security issue",
  privacy: "Privacy or a data request",
  other: "Something else",
} as const;
export type ContactTopic = keyof typeof CONTACT_TOPICS;
const topicKeys = Object.keys(CONTACT_TOPICS) as [ContactTopic, ...ContactTopic[]];

const text = (field: string, max: number) =>
  z
    .string({ error: `Enter your ${field}` })
    .trim()
    .min(1, { error: `Enter your ${field}` })
    .max(max, { error: `Keep your ${field} under ${max} characters` });

/** The contact form, checked the same way in the browser and by the endpoint it posts to. */
export const contactMessageSchema = z.object({
  name: text("name", 120),
  email: z
    .string({ error: "Enter your email address" })
    .trim()
    .max(254, { error: "An email address is at most 254 characters" })
    .pipe(z.email({ error: "Enter an email address like name@example.com" })),
  company: z
    .string()
    .trim()
    .max(120, { error: "Keep the company name under 120 characters" })
    .optional()
    .transform((value) => (value ? value : undefined)),
  topic: z.enum(topicKeys, { error: "Choose what your message is about" }),
  message: z
    .string({ error: "Write your message" })
    .trim()
    .min(10, { error: "Write at least 10 characters, so we can answer" })
    .max(5000, { error: "Keep your message under 5000 characters" }),
});
export type ContactMessage = z.infer<typeof contactMessageSchema>;
export type ContactField = keyof ContactMessage;

/** A contact message as kept in the outbox: the message, its id and when it arrived. */
export interface StoredContactMessage extends ContactMessage {
  id: string;
  at: string;
}

export const CONTACT_BODY_LIMIT = 16 * 1024;

/** The first error per field, for showing under each control. */
export function contactErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Partial<Record<ContactField, string>> {
  const errors: Partial<Record<ContactField, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field === "string" && field in contactMessageSchema.shape && !errors[field as ContactField]) {
      errors[field as ContactField] = issue.message;
    }
  }
  return errors;
}
