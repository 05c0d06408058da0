import { useQuery } from '@apollo/client/react';
import { graphql } from '../api/generated';
import { useI18n } from '../i18n';

const HUB_INFO = graphql(`query HubInfo { hubInfo { demoData } }`);

/**
 * Says on every page that the figures are invented while the demo data set is loaded
 * (npm run seed -- --demo; server/demo/demo.ts), and nothing otherwise.
 */
export function DemoBanner() {
  const { t } = useI18n();
  if (!useDemoData()) return null;
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      <strong>{t({ zh: '演示数据', en: 'Demo data' })}</strong> — {t({ zh: '仅供试用，非真实数据', en: 'for trying the hub, not real figures' })}
    </div>
  );
}

/** Whether the demo data set is loaded (hubInfo.demoData), for the banner and every printout's heading. */
export function useDemoData(): boolean {
  const { data } = useQuery(HUB_INFO, { fetchPolicy: 'cache-and-network' });
  return !!data?.hubInfo.demoData;
}

/** The line a printout carries while demo data is loaded: paper leaves the banner behind. */
export function DemoPrintNote() {
  const { t } = useI18n();
  if (!useDemoData()) return null;
  return (
    <p className="print-demo" data-testid="print-demo">
      <strong>{t({ zh: '演示数据', en: 'Demo data' })}</strong> — {t({ zh: '仅供试用，非真实数据', en: 'for trying the hub, not real figures' })}
    </p>
  );
}
