import { runService, startSubgraph } from '@codex/kit';
import { prepareMediaDirectory } from './media-storage.ts';
import { loadCmsSettings } from './settings.ts';
import { cmsSubgraph } from './subgraph.ts';

await runService('cms', async () => {
  // A media directory the service cannot write to stops start-up, not the first upload.
  await prepareMediaDirectory(loadCmsSettings().mediaDir);
  return startSubgraph(cmsSubgraph);
});
