import type { ReactNode } from 'react';
import { classNames } from './class-names';

export type Tone = 'positive' | 'negative' | 'neutral' | 'warning' | 'accent';

export interface BadgeProps {
  tone?: Tone;
  title?: string;
  children: ReactNode;
}

/** A small coloured label (a status, a class). */
export function Badge({ tone = 'neutral', title, children }: BadgeProps) {
  return (
    <span className={classNames('mx-badge', tone !== 'neutral' && `mx-badge--${tone}`)} title={title}>
      {children}
    </span>
  );
}
