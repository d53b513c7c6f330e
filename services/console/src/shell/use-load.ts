import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '../api/http';
import { problemOf } from './problem';

/** What a page loaded: the data, the problem if it failed, and a reload. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly problem: Problem | null;
  readonly loading: boolean;
  reload(): void;
}

/** Loads data when the page opens and whenever a dependency changes. */
export function useLoad<T>(load: () => Promise<T>, dependencies: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const run = useCallback(load, dependencies);
  useEffect(() => {
    let current = true;
    setLoading(true);
    run().then(
      (value) => {
        if (!current) return;
        setData(value);
        setProblem(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (!current) return;
        setProblem(problemOf(error));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [run, round]);
  return { data, problem, loading, reload: () => setRound((r) => r + 1) };
}
