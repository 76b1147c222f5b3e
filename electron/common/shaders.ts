import { z } from 'zod';

/**
 * mpv user shaders as the main process and the page share them: the files of the viewer's shaders
 * folder, named by their path inside it, and chains of them saved by name.
 */

/** A shader file is read whole; the largest real ones (Anime4K's GAN x4 UUL) are about 1 MB. */
export const maximumShaderBytes = 4 * 1024 * 1024;
/** Files listed from one folder: a few hundred in the largest collections. */
export const maximumShaderFiles = 2000;
/** Files one chain may run, as mpv's glsl-shaders list would hold them. */
export const maximumChainFiles = 32;
export const maximumChains = 64;

/**
 * A path inside the shaders folder, with "/" between folders: no way up or out of it, no drive,
 * no backslash, and the extensions mpv's shader collections use.
 */
export function isShaderFileName(name: string): boolean {
  if (name.length === 0 || name.length > 400 || /[\\:\0]/.test(name) || name.startsWith('/')) return false;
  if (name.split('/').some((part) => part === '' || part === '.' || part === '..')) return false;
  return /\.(glsl|hook)$/i.test(name);
}

export const shaderFileNameSchema = z.string().refine(isShaderFileName, 'a shader file inside the shaders folder');
export const chainNameSchema = z.string().trim().min(1).max(80);

export const shaderChainSchema = z.object({
  name: chainNameSchema,
  files: z.array(shaderFileNameSchema).min(1).max(maximumChainFiles),
});
export type ShaderChain = z.infer<typeof shaderChainSchema>;

export const shaderFolderListingSchema = z.object({
  /** The folder looked at: the chosen one, or mpv's own. */
  folder: z.string(),
  exists: z.boolean(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int().nonnegative(), problem: z.string().nullable() })).max(maximumShaderFiles),
  /** What was left out, in words. */
  skipped: z.array(z.string()).max(maximumShaderFiles + 64),
});
export type ShaderFolderListing = z.infer<typeof shaderFolderListingSchema>;

export const shaderTextSchema = z.object({ name: z.string(), text: z.string().max(maximumShaderBytes) });
export type ShaderText = z.infer<typeof shaderTextSchema>;
