import type { TKioskUpdateState } from '@marquee/shared';

/** A kiosk's update state in a few words, e.g. "downloading 1.4.0". */
export function updateLabel(state: TKioskUpdateState | null, version: string | null): string {
  if (!state) return '—';
  const v = version ? ` ${version}` : '';
  switch (state) {
    case 'idle':
      return 'up to date';
    case 'checking':
      return 'checking';
    case 'downloading':
      return `downloading${v}`;
    case 'downloaded':
      return `${version ?? 'update'} ready, installs when idle`;
    case 'installing':
      return `installing${v}`;
    case 'error':
      return `update failed${v}`;
  }
}
