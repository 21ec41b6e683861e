/** The bridge for every panel, without passing it down by hand. */
import { createContext, useContext } from 'react';
import type { Bridge } from '../../shared/bridge.ts';

export const BridgeContext = createContext<Bridge | null>(null);

export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside BridgeContext');
  return bridge;
}
