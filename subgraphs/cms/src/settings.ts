import path from 'node:path';
import { loadConfig } from '@codex/kit';
import { z } from 'zod';

/** `<repo root>/.data/media`: next to the embedded database's data, git-ignored with it. */
const defaultMediaDir = new URL('../../../.data/media', import.meta.url).pathname;

const cmsSettingsSchema = z.object({
  /** Where the local media storage keeps uploaded files (created on first upload). Relative paths start at the working directory. */
  CMS_MEDIA_DIR: z.string().trim().min(1, 'must name a directory').default(defaultMediaDir),
});

/** The CMS's own settings, validated once at start (a bad one stops start-up with a line naming it). */
export function loadCmsSettings(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(cmsSettingsSchema, env);
  return { mediaDir: path.resolve(config.CMS_MEDIA_DIR) };
}
export type CmsSettings = ReturnType<typeof loadCmsSettings>;
