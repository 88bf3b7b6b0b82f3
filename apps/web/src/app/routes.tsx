import type { RouteObject } from 'react-router';
import { SECTIONS } from '../components/sections';
import { Shell } from '../components/Shell';
import { ActivityPage } from '../pages/ActivityPage';
import { ComputeDetailPage } from '../pages/compute/ComputeDetailPage';
import { ComputePage } from '../pages/compute/ComputePage';
import { InventoryPage } from '../pages/inventory/InventoryPage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { OverviewPage } from '../pages/OverviewPage';
import { ResourcePage } from '../pages/resource/ResourcePage';
import { SectionPage } from '../pages/SectionPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { BucketPage } from '../pages/storage/BucketPage';
import { StoragePage } from '../pages/storage/StoragePage';

/** Every screen. Modules with a page of their own are listed before the generic section page. */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <Shell />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'inventory', element: <InventoryPage /> },
      { path: 'resources/*', element: <ResourcePage /> },
      { path: 'activity', element: <ActivityPage /> },
      { path: 'compute', element: <ComputePage /> },
      { path: 'compute/*', element: <ComputeDetailPage /> },
      { path: 'storage', element: <StoragePage /> },
      { path: 'storage/:connection/:account/:bucket/*', element: <BucketPage /> },
      { path: 'settings', element: <SettingsPage /> },
      ...SECTIONS.filter((section) => !section.connected).map((section) => ({
        path: section.path.slice(1),
        element: <SectionPage section={section} />,
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
