export const steps = ['about-you', 'complaint', 'evidence', 'check'] as const;
export type StepId = (typeof steps)[number];

export const isStepId = (value: unknown): value is StepId => steps.includes(value as StepId);

/** 1-based number for "Step N of 4". */
export const stepNumber = (step: StepId) => steps.indexOf(step) + 1;

export function previousStep(step: StepId): StepId | null {
  const i = steps.indexOf(step);
  return i > 0 ? (steps[i - 1] ?? null) : null;
}

export function nextStep(step: StepId): StepId {
  const i = steps.indexOf(step);
  return steps[Math.min(i + 1, steps.length - 1)] ?? 'check';
}
