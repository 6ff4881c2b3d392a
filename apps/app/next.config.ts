import { defineSiteConfig } from "@plinto/next-config";

export default defineSiteConfig({
  // A profile picture goes through a server action: the API keeps at most 1 MB, so the form may
  // carry a little more (multipart framing, and a too-large file gets the portal's own message).
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
});
