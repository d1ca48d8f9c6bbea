'use client';
import { useCallback, useSyncExternalStore } from 'react';

const EVENT = 'support-chatbot:storage';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** A string kept in localStorage (e.g. the agent's name), read without a hydration mismatch; '' on the server. */
export function useStoredValue(key: string): [string, (value: string) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(key) ?? '',
    () => '',
  );
  const set = useCallback(
    (next: string) => {
      window.localStorage.setItem(key, next);
      window.dispatchEvent(new Event(EVENT));
    },
    [key],
  );
  return [value, set];
}
