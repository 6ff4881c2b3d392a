/**
 * The few pages the OpenID Provider renders itself (errors, logout confirmation, device codes).
 * Plain HTML with no script, styled like the hosted pages; every value from outside is escaped.
 */
interface PageTenant {
  name: string;
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f6f7f9; color: #111827; margin: 0; }
  main { max-width: 28rem; margin: 4rem auto; background: #fff; border: 1px solid #e5e7eb; border-radius: 0.75rem; padding: 2rem; }
  h1 { font-size: 1.25rem; margin: 0 0 0.75rem; }
  p { line-height: 1.5; color: #374151; }
  .actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; }
  button { font: inherit; padding: 0.6rem 1rem; border-radius: 0.5rem; border: 1px solid #d1d5db; background: #fff; cursor: pointer; }
  button.primary { background: #1d4ed8; color: #fff; border-color: #1d4ed8; }
  input { font: inherit; padding: 0.6rem; border: 1px solid #d1d5db; border-radius: 0.5rem; width: 100%; box-sizing: border-box; letter-spacing: 0.1em; }
  label { display: block; font-weight: 600; margin: 1rem 0 0.4rem; }
  code { font-size: 1.25rem; letter-spacing: 0.15em; }
  .error { color: #b91c1c; }
`;

function page(tenant: PageTenant, title: string, body: string) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · ${escape(tenant.name)}</title><style>${STYLE}</style></head>
<body><main aria-labelledby="title"><h1 id="title">${escape(title)}</h1>${body}</main></body></html>`;
}

export function errorPage(tenant: PageTenant, error: string, description?: string) {
  return page(
    tenant,
    "Sign-in could not continue",
    `<p>The application sent a request ${escape(tenant.name)} cannot accept, so you have not been sent back to it.</p>
<p><strong>${escape(error)}</strong>${description ? `: ${escape(description)}` : ""}</p>
<p>If this keeps happening, tell the people who run the application.</p>`,
  );
}

/** `form` is the provider's own hidden form (with its anti-forgery token); the buttons submit it. */
export function logoutPage(tenant: PageTenant, form: string) {
  return page(
    tenant,
    `Sign out of ${tenant.name}?`,
    `${form}<p>You will be signed out of ${escape(tenant.name)} on this device.</p>
<div class="actions"><button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button></div>`,
  );
}

export function logoutSuccessPage(tenant: PageTenant) {
  return page(tenant, "You have signed out", `<p>You are signed out of ${escape(tenant.name)} on this device. You can close this window.</p>`);
}

/** The action and hidden fields of a form the provider made (its anti-forgery token above all). */
function formParts(form: string) {
  const action = /\saction="([^"]*)"/.exec(form)?.[1] ?? "";
  const hidden = [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map(
    ([, name, value]) => `<input type="hidden" name="${name}" value="${value}">`,
  );
  return { action, hidden: hidden.join("") };
}

export function userCodePage(tenant: PageTenant, form: string, error?: string) {
  // Our own form around the provider's action and token: its input carries an inline handler
  // that the Content-Security-Policy would refuse.
  const { action, hidden } = formParts(form);
  return page(
    tenant,
    "Connect a device",
    `${error ? `<p class="error" role="alert">${escape(error)}</p>` : ""}<p>Enter the code your TV, console or command-line tool shows.</p>
<form method="post" action="${action}">${hidden}
<label for="user_code">Code shown on your device</label>
<input id="user_code" name="user_code" autocomplete="off" autocapitalize="characters" required autofocus>
<div class="actions"><button class="primary" type="submit">Continue</button></div></form>`,
  );
}

export function deviceCodePage(tenant: PageTenant, form: string, applicationName: string, userCode: string) {
  const body = form.replace(
    "</form>",
    `<div class="actions"><button class="primary" type="submit" autofocus>Connect</button>
<button type="submit" name="abort" value="yes">Cancel</button></div></form>`,
  );
  return page(
    tenant,
    `Connect ${applicationName}?`,
    `<p>Make sure your device shows this code: <code>${escape(userCode)}</code></p>
<p>${escape(applicationName)} will be able to act for you at ${escape(tenant.name)}.</p>${body}`,
  );
}

export function deviceSuccessPage(tenant: PageTenant) {
  return page(tenant, "Device connected", `<p>Your device is signed in to ${escape(tenant.name)}. You can return to it now.</p>`);
}
