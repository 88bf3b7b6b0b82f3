import { objectStorageContract } from '@ccx/provider-testing/object-storage-contract';
import { startAzuriteFixture } from './testing/azurite-fixture';

objectStorageContract('Azure Blob on Azurite', async () => {
  const fixture = await startAzuriteFixture();
  const connection = await fixture.connect('contract');
  const account = fixture.azurite.accounts[0]!.name;
  await fixture.service(0).createContainer('contract-a');
  await fixture.service(0).createContainer('contract-b');
  return {
    storage: connection.storage!,
    bucket: { connection: 'contract', account, bucket: 'contract-a' },
    otherBucket: { connection: 'contract', account, bucket: 'contract-b' },
    targetStorageClass: 'Cool',
    // Azure resolves dot segments as a path, and Azurite fails listings holding a control character.
    refusedKeys: ['../x', 'control\u0001char'],
    cleanup: () => fixture.stop(),
  };
});
