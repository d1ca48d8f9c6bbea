import type { ReactNode } from 'react';
import { classNames } from './class-names';

export interface CardProps {
  title?: string;
  className?: string;
  /** Names the region for assistive technology (defaults to the title). */
  ariaLabel?: string;
  children: ReactNode;
}

/** A white panel; with a title it is a labelled region. */
export function Card({ title, className, ariaLabel, children }: CardProps) {
  const label = ariaLabel ?? title;
  return (
    <section className={classNames('mx-card', className)} aria-label={label}>
      {title ? <h2 className="mx-card__title">{title}</h2> : null}
      {children}
    </section>
  );
}
