import { Alert } from "@plinto/ui";
import { errorText, outcomeText } from "~/lib/outcomes";

/** The outcome or error code in the URL, in the page's own words (unknown codes show nothing). */
export function Notices({ outcome, error }: { outcome: unknown; error: unknown }) {
  const success = outcomeText(outcome);
  const failure = errorText(error);
  if (!success && !failure) return null;
  return (
    <div className="space-y-3">
      {success ? (
        <Alert variant="success" data-testid="outcome">
          {success}
        </Alert>
      ) : null}
      {failure ? (
        <Alert variant="danger" data-testid="error">
          {failure}
        </Alert>
      ) : null}
    </div>
  );
}
