import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  azureDiskMonthlyPrice,
  COMPUTE_PRICES,
  COMPUTE_STORAGE_PRICES,
  ebsMonthlyPrice,
  fargateTaskMonthlyPrice,
  findInstance,
  instanceTableSchema,
  monthly,
  publicIpv4MonthlyPrice,
  storageTableSchema,
  type CatalogProvider,
} from './catalog';
import instanceTable from '../../data/prices/compute-instances.json' with { type: 'json' };
import storageTable from '../../data/prices/compute-storage.json' with { type: 'json' };

/**
 * The bundled price tables against published figures, so that an edit to a confirmed price
 * fails here instead of drifting silently. Two kinds of evidence:
 * - rows of real billing data (FOCUS 1.0 sample, September 2024, CC BY 4.0; see
 *   fixtures/README.md), each compared through the same functions the findings use;
 * - figures stated on the pages the tables cite (address and date in `sources`).
 */

interface FocusRow {
  provider: string;
  service: string;
  description: string;
  listUnitPrice: number;
  pricingUnit: string;
  region: string;
  skuPriceId: string;
}

function loadFocusRows(): FocusRow[] {
  const text = readFileSync(new URL('./fixtures/focus-list-prices.csv', import.meta.url), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  expect(header).toBe(
    'ProviderName,ServiceName,ChargeDescription,ListUnitPrice,PricingUnit,RegionId,SkuPriceId,ChargePeriodStart',
  );
  return lines.map((line) => {
    const fields = line.split(',');
    // The kept rows carry no quoted commas: a row that does would shift every column.
    expect(fields).toHaveLength(8);
    const [provider, service, description, price, pricingUnit, region, skuPriceId, start] =
      fields as [string, string, string, string, string, string, string, string];
    expect(start.startsWith('2024-09-')).toBe(true);
    return {
      provider,
      service,
      description,
      listUnitPrice: Number(price),
      pricingUnit,
      region,
      skuPriceId,
    };
  });
}

function close(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(actual!).toBeCloseTo(expected, 6);
}

/** What one billing row says about the catalog, checked through the catalog's own functions. */
function checkFocusRow(row: FocusRow): void {
  const { description: text, region, listUnitPrice: price } = row;
  const instance = /On Demand Linux (\S+) Instance Hour/.exec(text);
  if (instance) {
    expect(row.pricingUnit).toBe('Hours');
    const spec = findInstance('aws', region, instance[1]!);
    expect(spec).not.toBeNull();
    expect(spec!.pricePerHour).toBe(price);
    expect(spec!.priceDerived).toBe(false);
    return;
  }
  const volume = /(gp2|gp3|Magnetic)\) provisioned storage|of (Magnetic) provisioned storage/.exec(
    text,
  );
  if (volume) {
    expect(row.pricingUnit).toBe('GB-Months');
    const name = volume[1] ?? volume[2]!;
    const volumeType = name === 'Magnetic' ? 'standard' : name;
    // 1,000 GiB so that the cents rounding of the monthly figure keeps every digit of the rate.
    close(ebsMonthlyPrice(region, { volumeType, sizeGiB: 1000 }), price * 1000);
    return;
  }
  if (/provisioned IOPS-month of gp3/.test(text)) {
    expect(row.pricingUnit).toBe('IOPS-Months');
    // 1,000 IOPS above the 3,000 a gp3 volume includes, on an empty volume.
    close(ebsMonthlyPrice(region, { volumeType: 'gp3', sizeGiB: 0, iops: 4000 }), price * 1000);
    return;
  }
  if (/public IPv4 address per hour/.test(text)) {
    expect(row.pricingUnit).toBe('Hours');
    expect(COMPUTE_STORAGE_PRICES.aws.publicIpv4.perHour).toBe(price);
    expect(publicIpv4MonthlyPrice(region)).toBe(monthly(price));
    return;
  }
  const fargate = /AWS Fargate - (vCPU|Memory) /.exec(text);
  if (fargate) {
    expect(row.pricingUnit).toBe('Hours');
    const task =
      fargate[1] === 'vCPU' ? { cpuUnits: 1024, memoryMiB: 0 } : { cpuUnits: 0, memoryMiB: 1024 };
    // 1,000 tasks' worth of hours through the per-task figure would still round to cents, so
    // compare the rate itself and the monthly figure of one unit.
    const rate =
      fargate[1] === 'vCPU'
        ? COMPUTE_STORAGE_PRICES.aws.fargate.perVcpuHour
        : COMPUTE_STORAGE_PRICES.aws.fargate.perGbHour;
    expect(rate).toBe(price);
    expect(fargateTaskMonthlyPrice(region, task)).toBe(monthly(price));
    return;
  }
  const disk = /Premium SSD Managed Disks - P(\d+) LRS/.exec(text);
  if (disk) {
    expect(row.pricingUnit).toBe('Units/Month');
    const sizes: Record<string, number> = { '4': 32, '6': 64, '10': 128 };
    const sizeGiB = sizes[disk[1]!];
    expect(sizeGiB).toBeDefined();
    expect(azureDiskMonthlyPrice(region, { sku: 'Premium_LRS', sizeGiB: sizeGiB! })).toBe(price);
    return;
  }
  throw new Error(`fixture row not understood: ${text}`);
}

describe('compute price tables against FOCUS billing rows (September 2024)', () => {
  const rows = loadFocusRows();

  it('holds the rows the tables were checked against', () => {
    expect(rows.length).toBe(23);
    expect(new Set(rows.map((row) => row.skuPriceId)).size).toBe(rows.length);
  });

  it.each(rows.map((row) => [row.region, row.description, row] as const))(
    '%s: %s',
    (_region, _text, row) => {
      checkFocusRow(row);
    },
  );
});

type PageFigure =
  | { kind: 'instance'; provider: CatalogProvider; type: string; region: string; perHour: number }
  | { kind: 'rate'; name: string; actual: () => number; expected: number };

/** One page's hourly prices for many sizes of one region, typed here as the page states them. */
function instancePrices(
  provider: CatalogProvider,
  region: string,
  prices: Record<string, number>,
): PageFigure[] {
  return Object.entries(prices).map(([type, perHour]) => ({
    kind: 'instance',
    provider,
    type,
    region,
    perHour,
  }));
}

const PAGES: { source: string; date: string; figures: PageFigure[] }[] = [
  {
    source:
      'https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/',
    date: '2026-06-17',
    figures: [
      {
        kind: 'instance',
        provider: 'aws',
        type: 'm7g.large',
        region: 'us-east-1',
        perHour: 0.0816,
      },
    ],
  },
  {
    source:
      'https://docs.amazonaws.cn/en_us/autoscaling/ec2/userguide/weights-spot-price-per-unit-hour-example.html',
    date: 'undated',
    figures: [
      { kind: 'instance', provider: 'aws', type: 'c5.2xlarge', region: 'us-east-1', perHour: 0.34 },
      { kind: 'instance', provider: 'aws', type: 'c5.4xlarge', region: 'us-east-1', perHour: 0.68 },
    ],
  },
  {
    source: 'https://go-cloud.io/?p=10607',
    date: 'undated',
    figures: [
      { kind: 'instance', provider: 'aws', type: 't3.large', region: 'us-east-1', perHour: 0.0832 },
    ],
  },
  {
    source: 'https://c3x.dev/blog/azure-vm-types-compared',
    date: '2026-06',
    figures: [
      {
        kind: 'instance',
        provider: 'azure',
        type: 'Standard_D2s_v5',
        region: 'eastus',
        perHour: 0.096,
      },
      {
        kind: 'instance',
        provider: 'azure',
        type: 'Standard_E2s_v5',
        region: 'eastus',
        perHour: 0.126,
      },
    ],
  },
  {
    source: 'https://www.vantage.sh/blog/fargate-pricing',
    date: 'undated',
    figures: [
      {
        kind: 'rate',
        name: 'Fargate per vCPU-hour, us-east-1',
        actual: () => fargateTaskMonthlyPrice('us-east-1', { cpuUnits: 1024, memoryMiB: 0 })!,
        expected: monthly(0.04048),
      },
      {
        kind: 'rate',
        name: 'Fargate per GB-hour, us-east-1',
        actual: () => fargateTaskMonthlyPrice('us-east-1', { cpuUnits: 0, memoryMiB: 1024 })!,
        expected: monthly(0.004445),
      },
    ],
  },
  {
    source:
      'https://cloudoptimo.com/blog/everything-you-need-to-know-about-aws-ebs-pricing-and-cost-saving-tips',
    date: 'undated',
    figures: [
      {
        kind: 'rate',
        name: 'gp3 per GB-month, us-east-1',
        actual: () => ebsMonthlyPrice('us-east-1', { volumeType: 'gp3', sizeGiB: 1000 })!,
        expected: 80,
      },
      {
        kind: 'rate',
        name: 'gp3 per IOPS-month above 3,000, us-east-1',
        actual: () => ebsMonthlyPrice('us-east-1', { volumeType: 'gp3', sizeGiB: 0, iops: 4000 })!,
        expected: 5,
      },
      {
        kind: 'rate',
        name: 'gp3 per MiB/s-month above 125, us-east-1',
        actual: () =>
          ebsMonthlyPrice('us-east-1', { volumeType: 'gp3', sizeGiB: 0, throughput: 225 })!,
        expected: 4,
      },
    ],
  },
  {
    source:
      'https://raw.githubusercontent.com/aws/agent-toolkit-for-aws/main/skills/core-skills/aws-billing-and-cost-management/references/ebs-optimization.md',
    date: 'undated (approximate as of early 2026)',
    figures: [
      ...(['io1', 'io2'] as const).map((volumeType): PageFigure => ({
        kind: 'rate',
        name: `${volumeType} per GB-month and per provisioned IOPS-month, us-east-1`,
        // 100 GiB and 1,000 IOPS: 100 × 0.125 + 1,000 × 0.065.
        actual: () => ebsMonthlyPrice('us-east-1', { volumeType, sizeGiB: 100, iops: 1000 })!,
        expected: 77.5,
      })),
      {
        kind: 'rate',
        name: 'gp2 per GB-month, us-east-1',
        actual: () => ebsMonthlyPrice('us-east-1', { volumeType: 'gp2', sizeGiB: 1000 })!,
        expected: 100,
      },
    ],
  },
  {
    source:
      'https://github.com/aws/karpenter-provider-aws/blob/265ee0ba5b8e337dec6b82dde965b03021ccb418/pkg/providers/pricing/zz_generated.pricing_aws.go',
    date: '2026-02-09',
    figures: instancePrices('aws', 'us-east-1', {
      't3.nano': 0.0052,
      't3.micro': 0.0104,
      't3.small': 0.0208,
      't3.medium': 0.0416,
      't3.large': 0.0832,
      't3.xlarge': 0.1664,
      't3.2xlarge': 0.3328,
      't3a.nano': 0.0047,
      't3a.micro': 0.0094,
      't3a.small': 0.0188,
      't3a.medium': 0.0376,
      't3a.large': 0.0752,
      't3a.xlarge': 0.1504,
      't3a.2xlarge': 0.3008,
      't4g.nano': 0.0042,
      't4g.micro': 0.0084,
      't4g.small': 0.0168,
      't4g.medium': 0.0336,
      't4g.large': 0.0672,
      't4g.xlarge': 0.1344,
      't4g.2xlarge': 0.2688,
      'm5.large': 0.096,
      'm5.xlarge': 0.192,
      'm5.2xlarge': 0.384,
      'm5.4xlarge': 0.768,
      'm6i.large': 0.096,
      'm6i.xlarge': 0.192,
      'm6i.2xlarge': 0.384,
      'm6i.4xlarge': 0.768,
      'm6g.medium': 0.0385,
      'm6g.large': 0.077,
      'm6g.xlarge': 0.154,
      'm6g.2xlarge': 0.308,
      'm6g.4xlarge': 0.616,
      'm7g.medium': 0.0408,
      'm7g.large': 0.0816,
      'm7g.xlarge': 0.1632,
      'm7g.2xlarge': 0.3264,
      'm7g.4xlarge': 0.6528,
      'c5.large': 0.085,
      'c5.xlarge': 0.17,
      'c5.2xlarge': 0.34,
      'c5.4xlarge': 0.68,
      'c6i.large': 0.085,
      'c6i.xlarge': 0.17,
      'c6i.2xlarge': 0.34,
      'c6i.4xlarge': 0.68,
      'c6g.medium': 0.034,
      'c6g.large': 0.068,
      'c6g.xlarge': 0.136,
      'c6g.2xlarge': 0.272,
      'c6g.4xlarge': 0.544,
      'c7g.medium': 0.0363,
      'c7g.large': 0.0725,
      'c7g.xlarge': 0.145,
      'c7g.2xlarge': 0.29,
      'c7g.4xlarge': 0.58,
      'r5.large': 0.126,
      'r5.xlarge': 0.252,
      'r5.2xlarge': 0.504,
      'r5.4xlarge': 1.008,
      'r6i.large': 0.126,
      'r6i.xlarge': 0.252,
      'r6i.2xlarge': 0.504,
      'r6i.4xlarge': 1.008,
      'r6g.medium': 0.0504,
      'r6g.large': 0.1008,
      'r6g.xlarge': 0.2016,
      'r6g.2xlarge': 0.4032,
      'r6g.4xlarge': 0.8064,
    }),
  },
  {
    // Dasv5 is left out on purpose: this list's Dasv5 rows disagree with one another (see the
    // table's `covers` for this source), so they confirm nothing.
    source:
      'https://github.com/Azure/karpenter-provider-azure/blob/0499866a0874e27363395146ad4ecf5dac208e6d/pkg/providers/pricing/zz_generated.pricing.go',
    date: '2023-12-18',
    figures: instancePrices('azure', 'eastus', {
      Standard_B1s: 0.0104,
      Standard_B1ms: 0.0207,
      Standard_B2s: 0.0416,
      Standard_B2ms: 0.0832,
      Standard_B4ms: 0.166,
      Standard_B8ms: 0.333,
      Standard_D2s_v5: 0.096,
      Standard_D4s_v5: 0.192,
      Standard_D8s_v5: 0.384,
      Standard_D16s_v5: 0.768,
      Standard_E2s_v5: 0.126,
      Standard_E4s_v5: 0.252,
      Standard_E8s_v5: 0.504,
      Standard_E16s_v5: 1.008,
      Standard_F2s_v2: 0.0846,
      Standard_F4s_v2: 0.169,
      Standard_F8s_v2: 0.338,
      Standard_F16s_v2: 0.677,
    }),
  },
  {
    source: 'https://aws.amazon.com/ebs/throughput-optimized/',
    date: 'undated',
    figures: [
      {
        kind: 'rate',
        name: 'st1 per GB-month, us-east-1',
        actual: () => ebsMonthlyPrice('us-east-1', { volumeType: 'st1', sizeGiB: 1000 })!,
        expected: 45,
      },
    ],
  },
  {
    source:
      'https://www.repost.aws/articles/ARknH_OR0cTvqoTfJrVGaB8A/why-am-i-seeing-charges-for-public-ipv4-addresses-when-i-am-under-the-aws-free-tier',
    date: '2024-02-01',
    figures: [
      {
        kind: 'rate',
        name: 'public IPv4 per hour',
        actual: () => COMPUTE_STORAGE_PRICES.aws.publicIpv4.perHour,
        expected: 0.005,
      },
    ],
  },
];

describe('compute price tables against the pages they cite', () => {
  const cited = new Set([
    ...Object.values(COMPUTE_PRICES.providers).flatMap((p) => p.sources.map((s) => s.url)),
    ...[
      COMPUTE_STORAGE_PRICES.aws.ebs,
      COMPUTE_STORAGE_PRICES.aws.publicIpv4,
      COMPUTE_STORAGE_PRICES.aws.fargate,
      COMPUTE_STORAGE_PRICES.azure.managedDisks,
    ].flatMap((price) => [price.source, ...price.sources.map((s) => s.url)]),
  ]);

  for (const page of PAGES)
    describe(`${page.source} (${page.date})`, () => {
      it('is cited by the tables', () => {
        expect(cited.has(page.source)).toBe(true);
      });
      it.each(page.figures.map((figure) => [figureName(figure), figure] as const))(
        '%s',
        (_name, figure) => {
          if (figure.kind === 'rate') {
            expect(figure.actual()).toBe(figure.expected);
            return;
          }
          const spec = findInstance(figure.provider, figure.region, figure.type);
          expect(spec?.pricePerHour).toBe(figure.perHour);
          expect(spec?.priceDerived).toBe(false);
        },
      );
    });
});

function figureName(figure: PageFigure): string {
  return figure.kind === 'rate'
    ? figure.name
    : `${figure.type} in ${figure.region}: ${figure.perHour} per hour`;
}

describe('what the tables call confirmed', () => {
  const checkedSizes = new Set<string>();
  for (const row of loadFocusRows()) {
    const match = /On Demand Linux (\S+) Instance Hour/.exec(row.description);
    if (match) checkedSizes.add(`aws:${match[1]}`);
  }
  for (const page of PAGES)
    for (const figure of page.figures)
      if (figure.kind === 'instance') checkedSizes.add(`${figure.provider}:${figure.type}`);

  it('is exactly the sizes checked above: no size is confirmed without a figure here', () => {
    const confirmed: string[] = [];
    for (const [provider, table] of Object.entries(COMPUTE_PRICES.providers))
      for (const family of Object.values(table.families))
        for (const size of Object.keys(family.sizes))
          if (!family.unconfirmed.includes(size)) confirmed.push(`${provider}:${size}`);
    expect(confirmed.sort()).toEqual([...checkedSizes].sort());
  });

  it('names only figures the storage table has as unconfirmed', () => {
    const { ebs, managedDisks } = {
      ebs: COMPUTE_STORAGE_PRICES.aws.ebs,
      managedDisks: COMPUTE_STORAGE_PRICES.azure.managedDisks,
    };
    for (const name of ebs.unconfirmed) {
      const [group, type] = name.split('.') as ['perGbMonth' | 'provisionedIopsPerMonth', string];
      expect(typeof ebs[group]?.[type], name).toBe('number');
    }
    for (const name of managedDisks.unconfirmed) {
      const [sku, size] = name.split('.') as [keyof typeof managedDisks.tiers, string];
      expect(
        managedDisks.tiers[sku]?.some(([tierSize]) => tierSize === Number(size)),
        name,
      ).toBe(true);
    }
    // Every EBS per-GB rate is confirmed in us-east-1 or named here, and no more.
    expect(ebs.unconfirmed.filter((name) => name.startsWith('perGbMonth.')).sort()).toEqual([
      'perGbMonth.sc1',
      'perGbMonth.standard',
    ]);
  });

  it('keeps the corrected Premium SSD P4 price from the September 2024 bill', () => {
    expect(azureDiskMonthlyPrice('eastus', { sku: 'Premium_LRS', sizeGiB: 32 })).toBe(5.27);
  });

  it('uses a cited regional rate as it is and scales the rest', () => {
    // eu-central-1: gp3 at the billed 0.0952, not 0.08 × 1.198; io2 still from the multiplier.
    expect(ebsMonthlyPrice('eu-central-1', { volumeType: 'gp3', sizeGiB: 1000 })).toBe(95.2);
    expect(ebsMonthlyPrice('eu-central-1', { volumeType: 'io2', sizeGiB: 100 })).toBe(
      Math.round(100 * 0.125 * 1.198 * 100) / 100,
    );
    const westC5 = findInstance('aws', 'us-west-2', 'c5.xlarge')!;
    const westM5 = findInstance('aws', 'us-west-2', 'm5.xlarge')!;
    expect([westC5.priceDerived, westM5.priceDerived]).toEqual([false, true]);
  });

  it('refuses a table whose confirmed flag disagrees with its unconfirmed list', () => {
    type Families = Record<string, { confirmed: boolean; unconfirmed: string[] }>;
    const instances = structuredClone(instanceTable) as {
      providers: { aws: { families: Families }; azure: { families: Families } };
    };
    // Called confirmed while naming unconfirmed sizes.
    expect(instances.providers.azure.families.Dasv5!.unconfirmed.length).toBeGreaterThan(0);
    instances.providers.azure.families.Dasv5!.confirmed = true;
    expect(instanceTableSchema.safeParse(instances).success).toBe(false);
    // Called unconfirmed while naming none.
    const awsOnly = structuredClone(instanceTable) as typeof instances;
    expect(awsOnly.providers.aws.families.t3!.unconfirmed).toEqual([]);
    awsOnly.providers.aws.families.t3!.confirmed = false;
    expect(instanceTableSchema.safeParse(awsOnly).success).toBe(false);

    const storage = structuredClone(storageTable) as { aws: { ebs: { confirmed: boolean } } };
    storage.aws.ebs.confirmed = true;
    expect(storageTableSchema.safeParse(storage).success).toBe(false);
  });

  it('treats hostile region and volume names as unpriced', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(findInstance('aws', name, 'm5.large')).toBeNull();
      expect(ebsMonthlyPrice(name, { volumeType: 'gp3', sizeGiB: 10 })).toBeNull();
      expect(ebsMonthlyPrice('us-east-1', { volumeType: name, sizeGiB: 10 })).toBeNull();
      expect(fargateTaskMonthlyPrice(name, { cpuUnits: 1024, memoryMiB: 2048 })).toBeNull();
      expect(azureDiskMonthlyPrice(name, { sku: 'Premium_LRS', sizeGiB: 32 })).toBeNull();
    }
  });
});
