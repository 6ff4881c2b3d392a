import { PageLoading } from "~/components/PageStates";

/** Every admin page's loading state while its server component reads the API. */
export default function Loading() {
  return <PageLoading />;
}
