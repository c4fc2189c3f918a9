import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { detectPlatform } from './platform/platform';
// Hindi must read on any kiosk or phone, whatever fonts its system has: the font ships with the app.
import '@fontsource/noto-sans-devanagari/400.css';
import '@fontsource/noto-sans-devanagari/700.css';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
detectPlatform().then(
  (platform) => {
    document.body.dataset.mode = platform.mode;
    root.render(
      <StrictMode>
        <App platform={platform} />
      </StrictMode>,
    );
  },
  (err: unknown) => {
    // The kiosk UI in a browser needs its print agent; say so rather than show a blank page.
    root.render(
      <p role="alert" className="notice notice-error">
        Marquee could not start: {err instanceof Error ? err.message : String(err)}. Is the print agent running?
      </p>,
    );
  },
);
