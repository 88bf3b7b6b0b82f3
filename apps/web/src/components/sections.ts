/**
 * The product's modules as DESIGN.md names them; the metaphor is a subtitle only. `status`
 * says whether the module is wired to the API yet: the UI never invents numbers for one that
 * is not.
 */
export interface Section {
  path: string;
  title: string;
  subtitle: string;
  summary: string;
  connected: boolean;
}

export const SECTIONS = [
  {
    path: '/cost',
    title: 'Cost',
    subtitle: 'the Aetherium',
    summary:
      'Cost and usage across clouds in the FOCUS schema: trends, forecasts, anomalies and budgets.',
    connected: false,
  },
  {
    path: '/compute',
    title: 'Compute',
    subtitle: 'the Engine Core',
    summary:
      'Instances, VMs and container services with metrics, actions, rightsizing and idle detection.',
    connected: true,
  },
  {
    path: '/storage',
    title: 'Storage',
    subtitle: 'the Great Library',
    summary:
      'One browser over every bucket, with PII and secret scanning, tiering advice and posture.',
    connected: true,
  },
  {
    path: '/identity',
    title: 'Identity',
    subtitle: 'the Hall of Faces',
    summary:
      'Users, roles, groups and sign-ins across identity providers, with stale accounts and MFA gaps.',
    connected: false,
  },
  {
    path: '/insights',
    title: 'Insights',
    subtitle: 'the Oracle',
    summary:
      'Every finding of the modules in one ranked list, with evidence and estimated monthly impact.',
    connected: false,
  },
  {
    path: '/activity',
    title: 'Policies & activity',
    subtitle: 'the audit log',
    summary: 'Policies as code with dry-runs and approvals, and the audit log of every action.',
    connected: true,
  },
] as const satisfies readonly Section[];
