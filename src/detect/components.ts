/**
 * Connected groups of items (union-find with path halving): episodes of cell-buckets, clusters of
 * converging aircraft, related spoofing episodes all group items linked pairwise.
 */

/**
 * The groups of `items` that `link` joins: it calls `join(i, j)` for every linked pair of indices.
 * Groups come in order of their first item, items within a group in their original order.
 */
export function connectedGroups<T>(items: readonly T[], link: (join: (i: number, j: number) => void) => void): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  link((i, j) => {
    parent[find(j)] = find(i);
  });
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g === undefined) groups.set(root, [item]);
    else g.push(item);
  });
  return [...groups.values()];
}
