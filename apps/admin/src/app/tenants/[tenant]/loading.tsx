import { LoadingPage } from "~/components/TenantPage";

export default function Loading() {
  return <LoadingPage title="Tenant" what="the tenant and its admins" />;
}
