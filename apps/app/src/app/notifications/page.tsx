import type { EmailPreferencesResponse, NotificationListResponse } from "@plinto/contracts";
import { Alert, Badge, Button, ButtonLink, EmptyState, problemText, when } from "@plinto/ui";
import type { Metadata } from "next";
import { AccountPage, Outcome, Section, SignInFirst } from "~/components/AccountPage";
import { accountApi, pageState, withState } from "~/lib/account";
import { markAllReadAction, markReadAction, savePreferencesAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

const categoryWords: Record<string, { title: string; body: string }> = {
  security: { title: "Security notices", body: "New sign-ins, password, email and second-factor changes. Always sent: they are how you notice someone else in your account." },
  organization_activity: { title: "Organization activity", body: "Invitations, and changes to your role in an organization." },
  product_updates: { title: "Product updates", body: "Occasional news about new features." },
};

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const api = await accountApi();
  if (!api) return <SignInFirst what="your notifications" returnTo="/notifications" />;
  const params = await searchParams;
  const state = pageState(params);
  const unreadOnly = params.show === "unread";
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  let list: NotificationListResponse | null = null;
  let preferences: EmailPreferencesResponse["preferences"] | null = null;
  let problem: string | null = null;
  try {
    [list, preferences] = await Promise.all([
      api.notifications.list({ limit: 20, ...(cursor ? { cursor } : {}), ...(unreadOnly ? { unread: "true" as const } : {}) }),
      api.notifications.preferences.get(),
    ]);
  } catch (error) {
    problem = problemText(error);
  }

  return (
    <AccountPage
      title="Notifications"
      lead="What happened to your account lately, and which of it also comes by email."
      action={
        list && list.unreadCount > 0 ? (
          <form action={markAllReadAction}>
            <Button type="submit" variant="secondary">
              Mark all as read
            </Button>
          </form>
        ) : null
      }
    >
      <Outcome done={state.done} error={state.error} returnTo="/notifications" doneText={{ "all-read": "Everything is marked as read.", preferences: "Your email choices are saved." }} />
      {problem ? (
        <Alert variant="danger" title="Your notifications could not be loaded">
          {problem}
        </Alert>
      ) : null}
      {list ? (
        <Section
          id="inbox"
          title={list.unreadCount > 0 ? `${list.unreadCount} unread` : "All caught up"}
          action={
            <nav aria-label="Which notifications" className="flex gap-2 text-sm">
              <a href="/notifications" aria-current={unreadOnly ? undefined : "page"} className={unreadOnly ? "text-brand-700 underline" : "font-semibold"}>
                All
              </a>
              <a href="/notifications?show=unread" aria-current={unreadOnly ? "page" : undefined} className={unreadOnly ? "font-semibold" : "text-brand-700 underline"}>
                Unread only
              </a>
            </nav>
          }
        >
          {list.notifications.length === 0 ? (
            <EmptyState headingLevel={3} title={unreadOnly ? "Nothing unread" : "No notifications yet"} description="Sign-ins, security changes and invitations show here." />
          ) : (
            <ul className="divide-y divide-line" aria-label="Notifications">
              {list.notifications.map((notification) => (
                <li key={notification.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="notification">
                  <div className="min-w-0">
                    <p className="font-medium">
                      {notification.readAt ? null : (
                        <Badge tone="brand" className="mr-2">
                          Unread
                        </Badge>
                      )}
                      {notification.title}
                    </p>
                    <p className="text-sm text-muted">{notification.body}</p>
                    <p className="text-xs text-muted">{when(notification.createdAt)}</p>
                  </div>
                  {notification.readAt ? null : (
                    <form action={markReadAction}>
                      <input type="hidden" name="id" value={notification.id} />
                      <Button type="submit" variant="ghost" size="sm" aria-label={`Mark "${notification.title}" as read`}>
                        Mark as read
                      </Button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {list.nextCursor ? (
            <ButtonLink href={withState("/notifications", { cursor: list.nextCursor, show: unreadOnly ? "unread" : undefined })} variant="secondary">
              Older notifications
            </ButtonLink>
          ) : null}
        </Section>
      ) : null}
      {preferences ? (
        <Section id="email" title="Email" lead="Choose what also comes to your email address. Security notices always do.">
          <form action={savePreferencesAction} className="space-y-3">
            <fieldset className="space-y-3">
              <legend className="sr-only">Send me email about</legend>
              {preferences.map((preference) => {
                const words = categoryWords[preference.category] ?? { title: preference.category, body: "" };
                return (
                  <div key={preference.category} className="flex items-start gap-3">
                    <input
                      type="checkbox"
                      id={`pref-${preference.category}`}
                      name={preference.category}
                      defaultChecked={preference.email}
                      disabled={preference.locked}
                      aria-describedby={`pref-${preference.category}-hint`}
                      className="mt-1 size-4"
                    />
                    <div>
                      <label htmlFor={`pref-${preference.category}`} className="font-medium">
                        {words.title}
                        {preference.locked ? " (always on)" : ""}
                      </label>
                      <p id={`pref-${preference.category}-hint`} className="text-sm text-muted">
                        {words.body}
                      </p>
                    </div>
                  </div>
                );
              })}
            </fieldset>
            <Button type="submit">Save email choices</Button>
          </form>
        </Section>
      ) : null}
    </AccountPage>
  );
}
