/** A locally drawn avatar: a mirrored 5x5 pattern and colour from the 12-hex seed the API hands out. */

export function cells(seed: string): [number, number][] {
  const bits = Number.parseInt(seed.slice(3, 7), 16) || 0;
  const out: [number, number][] = [];
  for (let i = 0; i < 15; i++) {
    if (!((bits >> i) & 1)) continue;
    const x = i % 3;
    const y = (i / 3) | 0;
    out.push([x, y]);
    if (x < 2) out.push([4 - x, y]);
  }
  return out;
}

export function Avatar({ seed }: { seed: string }) {
  const hue = (Number.parseInt(seed.slice(0, 3), 16) || 0) % 360;
  return (
    <svg class="av" part="avatar" viewBox="-1 -1 7 7" aria-hidden="true" shape-rendering="crispEdges">
      <rect x="-1" y="-1" width="7" height="7" fill={`hsl(${hue} 60% 90%)`} />
      <g fill={`hsl(${hue} 55% 38%)`}>
        {cells(seed).map(([x, y]) => (
          <rect key={`${x}${y}`} x={x} y={y} width="1" height="1" />
        ))}
      </g>
    </svg>
  );
}
