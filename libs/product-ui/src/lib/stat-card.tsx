import type { ReactNode } from 'react';
import { classNames } from './class-names';
import type { Tone } from './badge';

export interface StatCardProps {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: Tone;
}

/** One headline number with its label (a <dl> so the pair is read together). */
export function StatCard({ label, value, hint, tone = 'accent' }: StatCardProps) {
  return (
    <dl className={classNames('mx-stat', tone !== 'accent' && `mx-stat--${tone}`)}>
      <dt>{label}</dt>
      <dd>
        {value}
        {hint ? <span className="mx-stat__hint">{hint}</span> : null}
      </dd>
    </dl>
  );
}

export interface StatGridProps {
  label: string;
  children: ReactNode;
}

/** A responsive row of StatCards, as a labelled region. */
export function StatGrid({ label, children }: StatGridProps) {
  return (
    <section className="mx-stats" aria-label={label}>
      {children}
    </section>
  );
}
