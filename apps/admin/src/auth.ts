import { createSiteAuth } from "@plinto/auth";
import { authEnv } from "~/env";

/** The admin dashboard signs its people in through the platform tenant, as its application `plinto-admin`. */
export const auth = createSiteAuth({ site: "admin", env: authEnv });
