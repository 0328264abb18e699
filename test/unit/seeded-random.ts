/** A deterministic random source (mulberry32) for fuzz tests: the same seed replays a run. */
export function seededRandom(seed: number): { random: () => number; pick: <T>(items: T[]) => T } {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { random, pick: (items) => items[Math.floor(random() * items.length)] };
}
