/** What the residency policy needs to know about a loaded model. */
export interface ResidentModel {
  key: string;
  memoryMb: number;
  idle: boolean;
  lastUsedAt: number;
}

/**
 * Which loaded models to unload so that `neededMb` more fits in `budgetMb`: idle models only
 * (a model with requests in flight or queued is never evicted), least recently used first.
 * Returns undefined when even evicting every idle model would not make room.
 */
export function pickEvictions(resident: ResidentModel[], neededMb: number, budgetMb: number): ResidentModel[] | undefined {
  let used = resident.reduce((sum, m) => sum + m.memoryMb, 0);
  if (used + neededMb <= budgetMb) return [];
  const evictions: ResidentModel[] = [];
  for (const model of resident.filter((m) => m.idle).sort((a, b) => a.lastUsedAt - b.lastUsedAt)) {
    evictions.push(model);
    used -= model.memoryMb;
    if (used + neededMb <= budgetMb) return evictions;
  }
  return undefined;
}
