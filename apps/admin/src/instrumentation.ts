/** Runs once when the server starts: refuse to run with a broken sign-in configuration. */
export async function register() {
  // Next's runtime marker, not configuration: it keeps the Node-only check out of the edge bundle.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkEnvAtStart } = await import("~/env");
  checkEnvAtStart();
}
