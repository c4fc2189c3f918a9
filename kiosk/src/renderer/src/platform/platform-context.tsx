import { createContext, useContext } from 'react';
import type { TPlatform } from './platform';

export const PlatformContext = createContext<TPlatform | null>(null);

export function usePlatform(): TPlatform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new Error('usePlatform outside PlatformContext');
  return platform;
}
