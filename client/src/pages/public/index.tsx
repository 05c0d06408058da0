import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n';

// The public site is its own chunk (with the trend chart's, loaded when first shown).
const PublicSite = lazy(() => import('./PublicSite'));

/** /public: the public page (公众监督), outside the staff app's shell: no tabs, no editing. */
export function PublicSection() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<div className="page page-loading" role="status">{t({ zh: '正在加载…', en: 'Loading…' })}</div>}>
      <PublicSite />
    </Suspense>
  );
}
