/**
 * What a hosted form's server action answers when it does not redirect: shared by the actions
 * (server) and the forms that render it (client), so this module holds types and constants only.
 */
export interface FormState {
  status: "idle" | "error" | "done";
  /** For the form's Alert: the service's message, or what was done. */
  message?: string;
  /** The service's error code, so a form can add the right next step (a link to verify, …). */
  code?: string;
  /** Messages per field name, shown under the field and linked to it. */
  fieldErrors?: Record<string, string>;
  /** What the person typed, to put back in the form. Never a password, code or token. */
  values?: { email?: string };
}

export const initialFormState: FormState = { status: "idle" };
