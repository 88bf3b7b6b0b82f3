import type { DocumentKind } from './documents';
import type { SeedProvider } from './types';

/**
 * The kinds of bucket an organisation accumulates, each with the content and the settings that
 * make it interesting: exports full of PII, config backups holding secrets, public assets,
 * logs under a lifecycle policy, and a data lake of old data never moved off the hot class.
 */
export type Archetype =
  'customer-exports' | 'app-logs' | 'public-assets' | 'config-backups' | 'data-lake';

export interface BucketPlan {
  documents: readonly (readonly [DocumentKind, number])[];
  /** Key prefixes; `{yyyy}`, `{mm}`, `{dd}` and `{service}` are filled from the object's age. */
  prefixes: readonly string[];
  objects: readonly [number, number];
  maxAgeDays: number;
  versioning: boolean;
  encrypted: boolean;
  public: boolean;
  logging: boolean;
  lifecycle: boolean;
  /** Share of objects already in a colder class (the rest stay in the hot class). */
  coldShare: number;
}

export const BUCKET_PLANS: Record<Archetype, BucketPlan> = {
  'customer-exports': {
    documents: [
      ['customers-csv', 5],
      ['profiles-json', 3],
      ['support-ticket', 2],
      ['notes-text', 1],
    ],
    prefixes: ['exports/{yyyy}/{mm}/', 'tickets/{yyyy}/', 'profiles/'],
    objects: [120, 200],
    maxAgeDays: 700,
    versioning: true,
    encrypted: true,
    public: false,
    logging: false,
    lifecycle: false,
    coldShare: 0.05,
  },
  'app-logs': {
    documents: [
      ['app-log-gz', 6],
      ['app-log', 3],
      ['metrics-json', 1],
    ],
    prefixes: ['logs/{service}/{yyyy}/{mm}/{dd}/'],
    objects: [250, 400],
    maxAgeDays: 400,
    versioning: false,
    encrypted: true,
    public: false,
    logging: false,
    lifecycle: true,
    coldShare: 0.4,
  },
  'public-assets': {
    documents: [
      ['html-page', 4],
      ['binary-image', 5],
      ['notes-text', 1],
    ],
    prefixes: ['site/', 'img/{yyyy}/', 'docs/'],
    objects: [80, 150],
    maxAgeDays: 900,
    versioning: false,
    encrypted: true,
    public: true,
    logging: true,
    lifecycle: false,
    coldShare: 0,
  },
  'config-backups': {
    documents: [
      ['env-config', 3],
      ['yaml-config', 3],
      ['notes-text', 2],
      ['metrics-json', 1],
    ],
    prefixes: ['backups/{service}/', 'snapshots/{yyyy}-{mm}/'],
    objects: [40, 80],
    maxAgeDays: 500,
    versioning: true,
    encrypted: true,
    public: false,
    logging: true,
    lifecycle: false,
    coldShare: 0.1,
  },
  'data-lake': {
    documents: [
      ['large-parquet', 4],
      ['metrics-json', 3],
      ['customers-csv', 1],
      ['notes-text', 1],
    ],
    prefixes: ['raw/{yyyy}/{mm}/', 'curated/{service}/'],
    objects: [300, 500],
    maxAgeDays: 1100,
    versioning: false,
    encrypted: true,
    public: false,
    logging: false,
    lifecycle: false,
    coldShare: 0.15,
  },
};

/** Storage classes from hot to cold, per provider, as each API spells them. */
export const STORAGE_CLASSES: Record<SeedProvider, readonly string[]> = {
  aws: ['STANDARD', 'STANDARD_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'],
  gcp: ['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'],
  azure: ['Hot', 'Cool', 'Cold', 'Archive'],
};

/** Which archetypes each account (project, storage account) holds, by its position. */
export const ACCOUNT_LAYOUT: Record<SeedProvider, readonly (readonly Archetype[])[]> = {
  aws: [
    ['customer-exports', 'app-logs', 'public-assets', 'config-backups', 'data-lake'],
    ['app-logs', 'config-backups', 'data-lake'],
    ['public-assets', 'customer-exports'],
  ],
  gcp: [
    ['public-assets', 'app-logs'],
    ['customer-exports', 'data-lake', 'config-backups'],
  ],
  azure: [
    ['public-assets', 'customer-exports'],
    ['data-lake', 'config-backups'],
  ],
};

/** Azure container names per archetype (they live inside a named storage account already). */
export const AZURE_CONTAINERS: Record<Archetype, string> = {
  'customer-exports': 'invoices',
  'app-logs': 'app-logs',
  'public-assets': 'public-media',
  'config-backups': 'app-config',
  'data-lake': 'archive',
};

export const SERVICES = ['checkout', 'search', 'billing', 'auth', 'catalog'] as const;
