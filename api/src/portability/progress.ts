/** A progress bar on stderr: redrawn in place on a terminal, a line every few percent otherwise. */

export interface Progress {
  update(done: number, total: number, note?: string): void;
  end(note: string): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr, label = ''): Progress {
  const tty = stream.isTTY === true;
  let lastPct = -1;
  let lastAt = 0;
  const line = (done: number, total: number, note?: string) => {
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    return `${label}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%${note ? ` ${note}` : ''}`;
  };
  return {
    update(done, total, note) {
      const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
      const now = Date.now();
      if (tty) {
        if (now - lastAt < 100 && pct === lastPct) return;
        stream.write(`\r${line(done, total, note)}\u001b[K`);
      } else {
        if (pct < lastPct + 5 && now - lastAt < 2000) return;
        stream.write(`${line(done, total, note)}\n`);
      }
      lastPct = pct;
      lastAt = now;
    },
    end(note) {
      stream.write(`${tty ? '\r' : ''}${line(1, 1, note)}${tty ? '\u001b[K' : ''}\n`);
    },
  };
}
