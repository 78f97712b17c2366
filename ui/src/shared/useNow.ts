import { useEffect, useState } from 'react';

/** The current time, re-rendered every `intervalMs` (a local clock for countdowns, not a data poll). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}
