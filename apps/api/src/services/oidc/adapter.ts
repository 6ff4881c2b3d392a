import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { oidcModels } from "@plinto/db/schema";

/**
 * How long a just-rotated refresh token may still be presented. Tabs of one browser (or retries
 * after a lost response) that refresh at the same moment all present the same token; inside this
 * window each gets a new token of the same grant instead of the replay alarm that ends the grant.
 * Outside it a replay is treated as theft (RFC 9700 §4.14.2) and revokes the whole family.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

type Payload = Record<string, unknown> & {
  accountId?: string;
  clientId?: string;
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
  exp?: number;
};

/**
 * The OpenID Provider's storage for one tenant, in `oidc_models`. Every statement filters by the
 * tenant, so a provider instance can never read or revoke another tenant's codes or tokens.
 * `Client` is not stored here: applications come from the applications table (see provider.ts).
 */
export function tenantAdapterFactory(db: Executor, tenantId: string, now: () => number = Date.now) {
  return (model: string) => new TenantModelAdapter(db, tenantId, model, now);
}

class TenantModelAdapter {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
    private readonly model: string,
    private readonly now: () => number,
  ) {}

  private where(id: string) {
    return and(eq(oidcModels.tenantId, this.tenantId), eq(oidcModels.model, this.model), eq(oidcModels.id, id));
  }

  private live() {
    return or(isNull(oidcModels.expiresAt), gt(oidcModels.expiresAt, new Date(this.now())));
  }

  async upsert(id: string, payload: Payload, expiresIn?: number) {
    const expiresAt = expiresIn ? new Date(this.now() + expiresIn * 1000) : null;
    const row = {
      tenantId: this.tenantId,
      model: this.model,
      id,
      payload,
      accountId: payload.accountId ?? null,
      clientId: payload.clientId ?? null,
      grantId: payload.grantId ?? null,
      uid: payload.uid ?? null,
      userCode: payload.userCode ?? null,
      expiresAt,
      // This process's clock, not the database's: interactionStartedAt compares it with sign-in times.
      createdAt: new Date(),
    };
    await this.db
      .insert(oidcModels)
      .values(row)
      .onConflictDoUpdate({
        target: [oidcModels.tenantId, oidcModels.model, oidcModels.id],
        set: {
          payload: row.payload,
          accountId: row.accountId,
          clientId: row.clientId,
          grantId: row.grantId,
          uid: row.uid,
          userCode: row.userCode,
          expiresAt: row.expiresAt,
        },
      });
  }

  private async findWhere(condition: ReturnType<typeof and>) {
    const [row] = await this.db
      .select({ payload: oidcModels.payload, consumedAt: oidcModels.consumedAt })
      .from(oidcModels)
      .where(and(condition, this.live()))
      .limit(1);
    if (!row) return undefined;
    const payload: Payload = { ...row.payload };
    if (row.consumedAt) {
      const consumedFor = (this.now() - row.consumedAt.getTime()) / 1000;
      const graceful = this.model === "RefreshToken" && consumedFor <= REFRESH_REUSE_GRACE_SECONDS;
      // Inside the grace window the rotated token reads as unused (see above); otherwise as used.
      if (!graceful) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    }
    return payload;
  }

  find(id: string) {
    return this.findWhere(this.where(id));
  }

  findByUid(uid: string) {
    return this.findWhere(and(eq(oidcModels.tenantId, this.tenantId), eq(oidcModels.model, this.model), eq(oidcModels.uid, uid)));
  }

  findByUserCode(userCode: string) {
    return this.findWhere(
      and(eq(oidcModels.tenantId, this.tenantId), eq(oidcModels.model, this.model), eq(oidcModels.userCode, userCode)),
    );
  }

  /** Marks a code or token used. The first use counts: a replay in the grace window keeps it. */
  async consume(id: string) {
    await this.db
      .update(oidcModels)
      .set({ consumedAt: sql`coalesce(${oidcModels.consumedAt}, ${new Date(this.now()).toISOString()}::timestamptz)` })
      .where(this.where(id));
  }

  async destroy(id: string) {
    await this.db.delete(oidcModels).where(this.where(id));
  }

  /** Everything issued under one grant: codes, access and refresh tokens, the grant itself. */
  async revokeByGrantId(grantId: string) {
    await this.db
      .delete(oidcModels)
      .where(
        and(
          eq(oidcModels.tenantId, this.tenantId),
          or(eq(oidcModels.grantId, grantId), and(eq(oidcModels.model, "Grant"), eq(oidcModels.id, grantId))),
        ),
      );
  }
}
