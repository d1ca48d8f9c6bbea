'use client';
import { useEffect } from 'react';

/**
 * The attribute set on <html> once React has hydrated the page. Until then a click does nothing (or
 * submits a form the old way), so browser tests wait for it before they touch a page.
 */
export const HYDRATED_ATTRIBUTE = 'data-hydrated';

/** Marks the document hydrated. React runs a parent's effects after its children's, so in the shell it fires once the whole page has. */
export function useHydrationMark(): void {
  useEffect(() => {
    document.documentElement.setAttribute(HYDRATED_ATTRIBUTE, 'true');
  }, []);
}
