import type { KitVersionEntity } from './kit-version.entity';

/** Where a kit version refers to a library asset: its own content, a destination, or one of its templates. */
export interface KitAssetRef {
  assetId: string;
  /** The field of the kit that refers to it (`assetIds[0]`, `destinations[1].assetId`, `templateIds[2]`). */
  field: string;
  source: 'kit' | 'destination' | 'template';
  templateId?: string;
}

/**
 * Every reference of a kit version to the library. `templateAssets` maps a template version id to
 * the assets it refers to (as recorded when the template version was published).
 */
export function kitAssetRefs(version: Pick<KitVersionEntity, 'assetIds' | 'destinations' | 'templates'>, templateAssets: Map<string, string[]>): KitAssetRef[] {
  const refs: KitAssetRef[] = [];
  (version.assetIds ?? []).forEach((assetId, i) => refs.push({ assetId, field: `assetIds[${i}]`, source: 'kit' }));
  version.destinations.forEach((d, i) => {
    if (d.assetId) refs.push({ assetId: d.assetId, field: `destinations[${i}].assetId`, source: 'destination' });
  });
  version.templates.forEach((t, i) => {
    for (const assetId of (t.templateVersionId ? templateAssets.get(t.templateVersionId) : undefined) ?? []) {
      refs.push({ assetId, field: `templateIds[${i}]`, source: 'template', templateId: t.templateId });
    }
  });
  return refs;
}

/** A destination as stored: its key and label, and exactly one of url and assetId. */
export function destinationProblems(destinations: { url?: string; assetId?: string }[] | undefined): { field: string; problems: string[] }[] {
  const problems: { field: string; problems: string[] }[] = [];
  (destinations ?? []).forEach((d, i) => {
    if (d.url !== undefined && d.assetId !== undefined) problems.push({ field: `destinations[${i}].assetId`, problems: ['give either url or assetId, not both'] });
    else if (d.url === undefined && d.assetId === undefined) problems.push({ field: `destinations[${i}].url`, problems: ['give url or assetId (a library asset)'] });
  });
  return problems;
}
