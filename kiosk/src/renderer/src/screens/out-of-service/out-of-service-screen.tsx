import { LanguageSwitch, useI18n } from '../../i18n/i18n';

export function OutOfServiceScreen() {
  const { t } = useI18n();
  return (
    <div className="screen out-of-service" data-screen="out-of-service" role="alert">
      <LanguageSwitch />
      <h1>{t.outOfService}</h1>
      <p>{t.outOfServiceHelp}</p>
    </div>
  );
}
