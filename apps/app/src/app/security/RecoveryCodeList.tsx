/** Recovery codes shown once: a numbered list the tests and screen readers can read, in a monospace block. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <ol aria-label="Recovery codes" data-testid="recovery-codes" className="grid grid-cols-2 gap-2 rounded-md bg-ink px-4 py-3 font-mono text-sm text-white sm:grid-cols-5">
      {codes.map((code) => (
        <li key={code}>{code}</li>
      ))}
    </ol>
  );
}
