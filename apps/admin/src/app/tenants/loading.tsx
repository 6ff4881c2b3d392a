import { LoadingPage } from "~/components/TenantPage";

export default function Loading() {
  return <LoadingPage title="Tenants" what="the tenants" />;
}
