import { LoadingPage } from "~/components/TenantPage";

export default function Loading() {
  return <LoadingPage title="Organization" what="the organization" />;
}
