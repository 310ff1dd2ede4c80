/**
 * Chart.js for the Reports view: the library is served by the app itself (/vendor/, CSP stays
 * `script-src 'self'`) and loaded the first time the view opens, so the other views never pay
 * for it. Only its types are imported here; the code is the UMD build's `window.Chart`.
 */
import type { Chart as ChartJs, ChartConfiguration } from 'chart.js';

type ChartCtor = typeof ChartJs;
declare global {
  interface Window {
    Chart?: ChartCtor;
  }
}

const SRC = '/vendor/chart.umd.min.js';
/** Series colours, told apart by people with the common colour-vision deficiencies. */
export const PALETTE = [
  '#1f4e79',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#7f7f7f',
  '#000000',
];

let loading: Promise<ChartCtor> | null = null;

export function loadChartJs(): Promise<ChartCtor> {
  if (window.Chart) return Promise.resolve(window.Chart);
  loading ??= new Promise<ChartCtor>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SRC;
    script.onload = () =>
      window.Chart ? resolve(window.Chart) : reject(new Error('The charts did not load.'));
    script.onerror = () => {
      loading = null; // try again next time
      reject(new Error('The charts could not be loaded. Please try again.'));
    };
    document.head.append(script);
  });
  return loading;
}

/**
 * Draws `config` on the canvas (replacing its chart), with `label` — the figures in words — as
 * the canvas's accessible name: a screen reader hears the numbers the picture shows.
 */
export async function draw(
  canvas: HTMLCanvasElement,
  label: string,
  config: ChartConfiguration,
): Promise<void> {
  const Chart = await loadChartJs();
  Chart.getChart(canvas)?.destroy();
  canvas.setAttribute('aria-label', label);
  config.options = {
    responsive: true,
    maintainAspectRatio: false,
    // Drawn at once: no motion (prefers-reduced-motion), and the figures are final when shown.
    animation: false,
    ...config.options,
  };
  new Chart(canvas, config);
}

/** 95 → "1 h 35 min", 2 900 → "2 d 0 h", null → "—". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${Math.round(minutes - hours * 60)} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** 0.5625 → "56 %", null → "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`;
}
