export default function ApiHome() {
  return (
    <main id="main" className="mx-auto max-w-3xl p-8">
      <h1 className="text-3xl font-semibold">Plinto Identity API</h1>
      <p className="mt-2 text-muted">This server answers apps and SDKs.</p>
      <ul className="mt-4 list-disc pl-6">
        <li><a className="text-brand-700 underline" href="/health">/health</a></li>
        <li><a className="text-brand-700 underline" href="/ready">/ready</a></li>
      </ul>
    </main>
  );
}
