/** The route in the URL fragment, kept in sync both ways (the shell may set it to open a job). */
import { useCallback, useEffect, useState } from 'react';
import { formatRoute, parseRoute, type Route } from '../common/route.ts';

export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((next: Route) => {
    setRoute(next);
    const { pathname, search } = window.location;
    window.history.replaceState(null, '', `${pathname}${search}${formatRoute(next)}`);
  }, []);
  return [route, navigate];
}
