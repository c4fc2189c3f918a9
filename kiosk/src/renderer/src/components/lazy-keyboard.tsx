// The on-screen keyboard, fetched only when a kiosk first needs it: the web app's first download
// does not carry it (React.lazy, its own chunk).
import { lazy, Suspense } from 'react';
import type { TOnScreenKeyboardProps } from './on-screen-keyboard';

const OnScreenKeyboard = lazy(() => import('./on-screen-keyboard'));

export function KioskKeyboard(props: TOnScreenKeyboardProps) {
  return (
    <Suspense fallback={null}>
      <OnScreenKeyboard {...props} />
    </Suspense>
  );
}
