import { createSiteAuth } from "@plinto/auth";
import { authEnv } from "~/env";

/** The account portal signs its people in through the platform tenant, as its application `plinto-app`. */
export const auth = createSiteAuth({ site: "app", env: authEnv });
