import { objectStorageContract } from '@ccx/provider-testing/object-storage-contract';
import { startSandbox } from '@ccx/sandbox';
import { adminClient, connectSandbox } from './testing';

objectStorageContract('gcp on the sandbox', async () => {
  const sandbox = await startSandbox({ estate: { accounts: 1, instancesPerRegion: 0 } });
  const project = sandbox.gcp.projects[0]!.id;
  const admin = adminClient(sandbox);
  await admin.createBucket('contract-one');
  await admin.createBucket('contract-two');
  const connection = await connectSandbox(sandbox);
  return {
    storage: connection.storage!,
    bucket: { connection: connection.name, account: project, bucket: 'contract-one' },
    otherBucket: { connection: connection.name, account: project, bucket: 'contract-two' },
    targetStorageClass: 'COLDLINE',
    cleanup: () => sandbox.stop(),
  };
});
