import { redirect } from "next/navigation";
import { defaultVersion } from "~/lib/versions";

/** `/docs` is the current release's overview. */
export default function DocsRoot() {
  redirect(`/docs/${defaultVersion}`);
}
