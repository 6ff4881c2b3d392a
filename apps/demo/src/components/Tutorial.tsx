import { Alert, CodeBlock } from "@plinto/ui";
import type { TutorialStep } from "~/lib/flows";
import { readSample } from "~/lib/samples";

/** A flow's guided steps, each with the code that does it (a type-checked file of the demo). */
export function Tutorial({ steps, issuer }: { steps: TutorialStep[]; issuer: string }) {
  return (
    <ol className="space-y-6">
      {steps.map((step, index) => {
        const sample = step.sample ? readSample(step.sample.name, step.sample.region) : undefined;
        return (
          <li key={step.title} className="space-y-2">
            <h3 className="font-semibold text-ink">
              <span className="mr-2 font-mono text-sm text-muted">Step {index + 1}</span>
              {step.title}
            </h3>
            <p className="text-sm text-muted">{step.body.replace("{issuer}", issuer)}</p>
            {step.sample && !sample ? (
              <Alert variant="warning" role="note">
                The code of this step ({step.sample.name}) could not be read from src/samples.
              </Alert>
            ) : null}
            {sample ? <CodeBlock label={sample.file}>{sample.code}</CodeBlock> : null}
          </li>
        );
      })}
    </ol>
  );
}
