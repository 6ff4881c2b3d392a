import type { SessionSummary } from "@plinto/contracts";
import { Alert, Badge, ButtonLink, ConfirmPanel, EmptyState, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, problemText, when } from "@plinto/ui";
import type { Metadata } from "next";
import { AccountPage, Outcome, SignInFirst } from "~/components/AccountPage";
import { accountApi, pageState, withState } from "~/lib/account";
import { deviceName, locationHint } from "~/lib/devices";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions and devices" };

const amrWords: Record<string, string> = { pwd: "password", otp: "one-time code", mfa: "second factor", hwk: "passkey", swk: "passkey", user: "verified", sms: "text message" };
const howSignedIn = (amr: string[]) => {
  const words = [...new Set(amr.map((m) => amrWords[m]).filter(Boolean))];
  return words.length ? words.join(", ") : "—";
};

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const api = await accountApi();
  if (!api) return <SignInFirst what="where you are signed in" returnTo="/sessions" />;
  const state = pageState(await searchParams);
  let sessions: SessionSummary[] = [];
  let problem: string | null = null;
  try {
    sessions = await api.sessions.list();
  } catch (error) {
    problem = problemText(error);
  }
  const others = sessions.filter((s) => !s.current);
  const confirming = state.confirm === "revoke" ? sessions.find((s) => s.id === state.id && !s.current) : undefined;

  return (
    <AccountPage
      title="Sessions and devices"
      lead="Every browser and device signed in to your account right now. Sign out of any you do not recognise, then change your password."
      action={
        others.length > 0 && state.confirm !== "revoke-others" ? (
          <ButtonLink href={withState("/sessions", { confirm: "revoke-others" })} variant="secondary">
            Sign out of all other sessions
          </ButtonLink>
        ) : null
      }
    >
      <Outcome
        done={state.done}
        error={state.error}
        returnTo="/sessions"
        doneText={{ revoked: "That session is signed out; its tokens stopped working.", "revoked-others": "Every other session is signed out. This one stays." }}
      />
      {state.confirm === "revoke-others" && others.length > 0 ? (
        <ConfirmPanel
          title={`Sign out of ${others.length} other ${others.length === 1 ? "session" : "sessions"}?`}
          consequence="Every browser and device but this one must sign in again; apps they use lose access now."
          action={revokeOtherSessionsAction}
          confirmLabel="Sign out of all other sessions"
          confirmVariant="danger"
          cancelHref="/sessions"
          cancelLabel="Keep them"
        />
      ) : null}
      {confirming ? (
        <ConfirmPanel
          title={`Sign out of ${deviceName(confirming.userAgent)}?`}
          consequence={`That session (last active ${when(confirming.lastActiveAt)}) must sign in again; its tokens stop working now.`}
          action={revokeSessionAction}
          fields={{ id: confirming.id }}
          confirmLabel="Sign it out"
          confirmVariant="danger"
          cancelHref="/sessions"
          cancelLabel="Keep it"
        />
      ) : null}
      {problem ? (
        <Alert variant="danger" title="Your sessions could not be loaded">
          {problem}
        </Alert>
      ) : sessions.length === 0 ? (
        <EmptyState headingLevel={2} title="No sessions" description="Nothing is signed in to your account right now." />
      ) : (
        <Table caption="Where you are signed in">
          <TableHead>
            <TableRow>
              <TableHeaderCell>Device</TableHeaderCell>
              <TableHeaderCell>Where from</TableHeaderCell>
              <TableHeaderCell>Signed in</TableHeaderCell>
              <TableHeaderCell>Last active</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sessions.map((session) => (
              <TableRow key={session.id} data-testid="session-row">
                <TableCell>
                  <span className="font-medium">{deviceName(session.userAgent)}</span>
                  {session.current ? (
                    <Badge tone="brand" className="ml-2">
                      This session
                    </Badge>
                  ) : null}
                </TableCell>
                <TableCell>{locationHint(session.ipAddress)}</TableCell>
                <TableCell>
                  {when(session.authTime)}
                  <span className="block text-xs text-muted">with {howSignedIn(session.amr)}</span>
                </TableCell>
                <TableCell>{when(session.lastActiveAt)}</TableCell>
                <TableCell>
                  {session.current ? (
                    <span className="text-sm text-muted">Use Sign out at the top</span>
                  ) : (
                    <ButtonLink
                      href={withState("/sessions", { confirm: "revoke", id: session.id })}
                      variant="ghost"
                      size="sm"
                      aria-label={`Sign out of ${deviceName(session.userAgent)}, last active ${when(session.lastActiveAt)}`}
                    >
                      Sign out
                    </ButtonLink>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <p className="text-sm text-muted">
        Locations are the network address the session signed in from, not a place; a device name is what its browser says it is.
      </p>
    </AccountPage>
  );
}
