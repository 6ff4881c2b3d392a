/** Importing users from another system, with their bcrypt hashes, through the management API. */
// #region import
import { PlintoApiError, type PlintoClient } from "@plinto/sdk";

interface LegacyUser {
  email: string;
  name?: string;
  emailConfirmed: boolean;
  /** As the old system stored it, e.g. "$2b$10$…"; null when it had none or another scheme. */
  bcryptHash: string | null;
}

export async function importUsers(plinto: PlintoClient, legacy: LegacyUser[]) {
  const report = { imported: 0, toReset: 0, existing: 0, failed: [] as Array<{ email: string; code: string }> };
  for (const person of legacy) {
    try {
      const user = await plinto.users.create({
        email: person.email,
        name: person.name,
        emailVerified: person.emailConfirmed,
        ...(person.bcryptHash ? { passwordHash: person.bcryptHash } : {}),
      });
      if (person.bcryptHash) {
        report.imported++; // signs in with the old password; the hash becomes argon2id then
      } else {
        await plinto.users.sendPasswordReset(user.id); // a link to choose a password, mailed to the user
        report.toReset++;
      }
    } catch (error) {
      if (error instanceof PlintoApiError && error.code === "conflict") report.existing++;
      else if (error instanceof PlintoApiError) report.failed.push({ email: person.email, code: error.code });
      else throw error;
    }
  }
  return report;
}
// #endregion import
