export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Money {
  amount: number;
  currency: string;
}

/** What an insight concludes about one resource, with the evidence that supports it. */
export interface Finding {
  kind: string;
  severity: Severity;
  resourceUid: string;
  title: string;
  evidence: Record<string, unknown>;
  /** Monthly saving (or exposure) the finding puts a price on; null when it has none. */
  estimatedMonthlyImpact: Money | null;
  detectedAt: string;
}
