/** Comments per day as an inline SVG bar chart (no library), with a text summary for screen readers. */
import { useEffect, useState } from 'preact/hooks';
import { call, type Stats } from './api.js';

type Day = Stats['days'][number];

export function DayChart({ site, refresh }: { site: string; refresh: string }) {
  const [days, setDays] = useState<Day[]>([]);
  useEffect(() => {
    call<Stats>('GET', `/sites/${encodeURIComponent(site)}/stats?days=30`)
      .then((r) => setDays(r.days))
      .catch(() => setDays([]));
  }, [site, refresh]);
  if (days.length === 0) return null;
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((n, d) => n + d.count, 0);
  const w = 600;
  const h = 60;
  const bar = w / days.length;
  return (
    <figure class="chart">
      <figcaption>
        Comments per day, last 30 days: <strong>{total}</strong> in all, at most {max} a day
      </figcaption>
      <svg
        viewBox={`0 0 ${w} ${h + 14}`}
        role="img"
        aria-label={`Bar chart of comments per day; ${total} in 30 days`}
      >
        {days.map((d, i) => {
          const bh = (d.count / max) * h;
          return (
            <rect
              key={d.day}
              x={i * bar + 1}
              y={h - bh}
              width={bar - 2}
              height={Math.max(bh, d.count ? 1 : 0)}
            >
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
          );
        })}
        <line x1="0" y1={h + 0.5} x2={w} y2={h + 0.5} class="axis" />
        <text x="0" y={h + 12}>
          {days[0]?.day}
        </text>
        <text x={w} y={h + 12} text-anchor="end">
          {days.at(-1)?.day}
        </text>
      </svg>
    </figure>
  );
}
