/**
 * Where the suite runs the sites: ports shifted by PLINTO_PORT_OFFSET (default 10000, so a copy
 * started with `npm start` can keep running), a fresh `.plinto` home, and a fresh database.
 */
export const E2E_PORT_OFFSET = process.env.PLINTO_E2E_PORT_OFFSET ?? "10000";
export const e2eEnv: NodeJS.ProcessEnv = {
  ...process.env,
  PLINTO_PORT_OFFSET: E2E_PORT_OFFSET,
  // Every spec signs people up from 127.0.0.1: one office behind one address, as far as the API can tell.
  PLINTO_SIGN_UPS_PER_IP_PER_HOUR: process.env.PLINTO_SIGN_UPS_PER_IP_PER_HOUR ?? "1000",
};
export const chromiumPath = process.env.PLINTO_CHROMIUM ?? "/usr/bin/chromium";
