import { defineSiteConfig } from "@plinto/next-config";

export default defineSiteConfig();
