import { useContext, type ReactNode } from 'react';
import { LanguageSwitch, useI18n } from '../i18n/i18n';
import { PlatformContext } from '../platform/platform-context';

/**
 * Every screen's frame: title, a way back, and the language switch. On the portrait kiosk the way
 * back sits in a bar at the bottom, where a child or a customer in a wheelchair can reach it (the
 * top of a 43-inch portrait screen is out of their reach); screens put their main action just above it.
 */
export function Screen({
  title,
  onBack,
  actions,
  children,
  name,
}: {
  title: string;
  onBack?: () => void;
  actions?: ReactNode;
  children: ReactNode;
  name: string;
}) {
  const { t } = useI18n();
  const backAtBottom = useContext(PlatformContext)?.mode === 'kiosk' && onBack !== undefined;
  return (
    <div className="screen" data-screen={name}>
      <header className="screen-header">
        {onBack && !backAtBottom ? (
          <button type="button" className="button button-ghost" onClick={onBack}>
            ← {t.back}
          </button>
        ) : (
          <span className="brand">{t.appName}</span>
        )}
        <h1>{title}</h1>
        <div className="header-actions">
          {actions}
          <LanguageSwitch />
        </div>
      </header>
      <main className="screen-body">{children}</main>
      {backAtBottom && (
        <nav className="screen-footer" aria-label={t.screenNav}>
          <button type="button" className="button button-large button-back" onClick={onBack}>
            ← {t.back}
          </button>
        </nav>
      )}
    </div>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <p className="spinner" role="status">
      {label}
    </p>
  );
}

export function ErrorNotice({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t.tryAgain}
        </button>
      )}
    </div>
  );
}
