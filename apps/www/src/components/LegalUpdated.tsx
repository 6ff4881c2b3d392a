/** When a legal document last changed; shown at its top. */
export const LEGAL_UPDATED = "2026-11-27";

export function LegalUpdated() {
  return (
    <p className="text-sm text-muted">
      Last updated <time dateTime={LEGAL_UPDATED}>27 November 2026</time>.
    </p>
  );
}
