/**
 * A grid's name as people read it, with its community named once. Grid names usually contain
 * their community already (东安社区第03网格, Dong'an Grid 03), so putting the community in front
 * would say it twice (东安社区东安社区第03网格); a grid named only by its number (第03网格) gets it.
 */

/** A community's name without the word for "community" (东安社区 → 东安, Dong'an Community → Dong'an). */
function communityStem(community: string): string {
  return community.replace(/(社区|居委会|村委会|居民委员会)$/, '').replace(/\s+(Community|Neighbourhood|Neighborhood)$/i, '');
}

/** Does the grid's own name already say which community it is in? */
export function gridNamesCommunity(gridName: string, communityName: string): boolean {
  if (!communityName) return true;
  const stem = communityStem(communityName);
  return gridName.includes(communityName) || (stem.length > 0 && gridName.startsWith(stem));
}

/** The grid's name with its community once: `separator` goes between them when the community is added. */
export function gridFullName(gridName: string, communityName: string, separator = ''): string {
  return gridNamesCommunity(gridName, communityName) ? gridName : `${communityName}${separator}${gridName}`;
}
