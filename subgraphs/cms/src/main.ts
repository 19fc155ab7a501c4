import { runService, startSubgraph } from '@codex/kit';
import { loadCmsSettings } from './config.ts';
import { prepareMediaDirectory } from './media-storage.ts';
import { createCmsSubgraph } from './subgraph.ts';

await runService('cms', async () => {
  const settings = loadCmsSettings();
  await prepareMediaDirectory(settings.mediaDir);
  return startSubgraph(createCmsSubgraph(settings));
});
