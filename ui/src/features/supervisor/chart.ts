// Scales and paths for the small SVG charts (hand-rolled: two line charts do not need a chart library).

export type Point = { x: number; y: number };

export function linearScale(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value: number) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** An SVG path through the points, as straight segments, in order of x. */
export function linePath(points: Point[]): string {
  return [...points]
    .sort((a, b) => a.x - b.x)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
}

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten, at least `min`. */
export function niceMax(value: number, min = 1): number {
  const v = Math.max(value, min);
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= v) return step * power;
  }
  return 10 * power;
}
