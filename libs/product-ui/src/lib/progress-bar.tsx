import { classNames } from './class-names';

export interface ProgressBarProps {
  /** Work done, in the unit of `max` (default percent). */
  value: number;
  max?: number;
  /** Accessible name, also shown above the bar. */
  label: string;
  /** Text at the right, e.g. "120 / 300 rows"; default the percentage. */
  valueText?: string;
  status?: 'active' | 'done' | 'failed';
}

/** Clamps to [0, 100] and rounds down, so a bar never shows 100% before the work is done. */
export function percentOf(value: number, max: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(max) || max <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((value / max) * 100)));
}

/** A labelled progress bar (role="progressbar" with aria-valuenow in percent). */
export function ProgressBar({ value, max = 100, label, valueText, status = 'active' }: ProgressBarProps) {
  const percent = percentOf(value, max);
  return (
    <div className={classNames('mx-progress', status !== 'active' && `mx-progress--${status}`)}>
      <div className="mx-progress__head">
        <span>{label}</span>
        <span>{valueText ?? `${percent}%`}</span>
      </div>
      <div
        className="mx-progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
      >
        <div className="mx-progress__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
