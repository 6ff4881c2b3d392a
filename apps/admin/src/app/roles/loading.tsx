import { LoadingPage } from "~/components/TenantPage";

export default function Loading() {
  return <LoadingPage title="Roles and permissions" what="the roles" />;
}
