/** Shared look of text inputs, selects and textareas: a 3:1 boundary, a visible focus ring, red when invalid. */
export const controlClasses =
  "block w-full rounded-md border border-muted/70 bg-surface px-3 py-2 text-sm text-ink shadow-sm " +
  "placeholder:text-muted focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-600 " +
  "disabled:cursor-not-allowed disabled:bg-canvas disabled:text-muted " +
  "aria-invalid:border-danger aria-invalid:focus-visible:outline-danger";
