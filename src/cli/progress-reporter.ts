/**
 * Progress on stderr. On a terminal a single line is redrawn (bar, count, rate, ETA); elsewhere
 * (CI, pipes) one line is written when a task starts and one when it ends, so logs stay short, plus
 * one line of the count every `heartbeatSeconds` (30 s) while a long task runs, so a long run is
 * never silent.
 * NO_COLOR is honoured. Results never go to stderr.
 */
export interface ProgressTask {
  tick(amount?: number): void;
  done(note?: string): void;
}

export interface ProgressReporter {
  start(label: string, total: number): ProgressTask;
  note(message: string): void;
}

export const silentProgress: ProgressReporter = {
  start: () => ({ tick: () => undefined, done: () => undefined }),
  note: () => undefined,
};

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${Math.round(seconds - minutes * 60)}s`;
}

export interface StderrProgressSettings {
  /** Seconds between count lines of one task when not on a terminal. */
  heartbeatSeconds?: number;
  /** Milliseconds clock (tests inject one). */
  now?: () => number;
}

export function createStderrProgress(
  stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr,
  settings: StderrProgressSettings = {},
): ProgressReporter {
  const now = settings.now ?? (() => performance.now());
  const heartbeatMilliseconds = (settings.heartbeatSeconds ?? 30) * 1000;
  const interactive = Boolean(stream.isTTY) && process.env.CI !== 'true';
  const useColor = interactive && !process.env.NO_COLOR;
  const dim = (text: string) => (useColor ? `\u001b[2m${text}\u001b[22m` : text);
  return {
    note(message: string) {
      stream.write(`${dim('realsim')} ${message}\n`);
    },
    start(label: string, total: number): ProgressTask {
      const startedAt = now();
      let completed = 0;
      let lastDraw = 0;
      let lastHeartbeat = startedAt;
      const heartbeat = () => {
        const current = now();
        if (current - lastHeartbeat < heartbeatMilliseconds) return;
        lastHeartbeat = current;
        const percent = total > 0 ? ` (${Math.floor((100 * completed) / total)}%)` : '';
        stream.write(`${dim('realsim')} ${label}: ${completed}/${total}${percent} after ${formatSeconds((current - startedAt) / 1000)}…\n`);
      };
      const draw = (force: boolean) => {
        if (!interactive) return;
        const current = now();
        if (!force && current - lastDraw < 100) return;
        lastDraw = current;
        const elapsed = (current - startedAt) / 1000;
        const fraction = total > 0 ? Math.min(1, completed / total) : 1;
        const width = 24;
        const filled = Math.round(fraction * width);
        const rate = elapsed > 0 ? completed / elapsed : 0;
        const eta = rate > 0 ? (total - completed) / rate : Number.POSITIVE_INFINITY;
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${completed}/${total} ` +
            `${rate.toFixed(0)}/s ETA ${formatSeconds(eta)}  `,
        );
      };
      if (!interactive) stream.write(`${dim('realsim')} ${label}: ${total} items…\n`);
      return {
        tick(amount = 1) {
          completed += amount;
          if (interactive) draw(false);
          else heartbeat();
        },
        done(note?: string) {
          const elapsed = (now() - startedAt) / 1000;
          if (interactive) stream.write('\r\u001b[2K');
          stream.write(`${dim('realsim')} ${label}: ${completed}/${total} in ${formatSeconds(elapsed)}${note ? ` (${note})` : ''}\n`);
        },
      };
    },
  };
}
