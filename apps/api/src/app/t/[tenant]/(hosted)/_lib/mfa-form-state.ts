import type { FormState } from "./form-state";

/**
 * What the MFA forms' actions answer: a form state, and after an authenticator app is set up, the
 * recovery codes to show this once and where to go on from there.
 */
export interface MfaFormState extends FormState {
  recoveryCodes?: string[];
  continueHref?: string;
}

/** The methods the MFA page offers, as the page passes them to its forms. */
export type MfaPageMethod = "totp" | "recovery_code" | "email_code" | "passkey";
