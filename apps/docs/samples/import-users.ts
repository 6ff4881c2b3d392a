/** Importing users from another system through the management API (no password hashes, see the guide). */
// #region import
import { PlintoApiError, type PlintoClient } from "@plinto/sdk";

interface LegacyUser {
  email: string;
  name?: string;
  emailConfirmed: boolean;
}

export async function importUsers(plinto: PlintoClient, legacy: LegacyUser[]) {
  const report = { created: 0, existing: 0, failed: [] as Array<{ email: string; code: string }> };
  for (const person of legacy) {
    try {
      const user = await plinto.users.create({ email: person.email, name: person.name, emailVerified: person.emailConfirmed });
      // A single-use link (30 minutes) to choose a password; it goes to the user, never to you.
      await plinto.users.sendPasswordReset(user.id);
      report.created++;
    } catch (error) {
      if (error instanceof PlintoApiError && error.code === "conflict") report.existing++;
      else if (error instanceof PlintoApiError) report.failed.push({ email: person.email, code: error.code });
      else throw error;
    }
  }
  return report;
}
// #endregion import
