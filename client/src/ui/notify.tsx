import { useSyncExternalStore } from 'react';
import { useI18n } from '../i18n';

export type NoticeKind = 'error' | 'conflict' | 'info' | 'success';

export interface NoticeAction {
  label: string;
  run(): void | Promise<void>;
}

export interface Notice {
  id: number;
  kind: NoticeKind;
  title: string;
  body?: string;
  /** Secondary line, e.g. the server's own words. */
  detail?: string;
  actions?: NoticeAction[];
  /** Errors stay until closed; the rest fade after a few seconds. */
  sticky?: boolean;
}

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Shows a message; returns its id. Errors and conflicts stay until the user closes them. */
export function notify(n: Omit<Notice, 'id'>): number {
  const id = nextId++;
  const sticky = n.sticky ?? (n.kind === 'error' || n.kind === 'conflict');
  notices = [...notices, { ...n, id, sticky }].slice(-6);
  emit();
  if (!sticky) setTimeout(() => dismiss(id), 4000);
  return id;
}

export function dismiss(id: number) {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

export function dismissAll() {
  notices = [];
  emit();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function Notices() {
  const list = useSyncExternalStore(subscribe, () => notices);
  const { t } = useI18n();
  return (
    <div className="notices" aria-live="polite">
      {list.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' || n.kind === 'conflict' ? 'alert' : 'status'} data-kind={n.kind}>
          <div className="notice-text">
            <strong className="notice-title">{n.title}</strong>
            {n.body && <div className="notice-body">{n.body}</div>}
            {n.detail && <div className="notice-detail">{n.detail}</div>}
            {n.actions?.length ? (
              <div className="notice-actions">
                {n.actions.map((a) => (
                  <button
                    key={a.label}
                    type="button"
                    onClick={async () => {
                      dismiss(n.id);
                      await a.run();
                    }}
                  >
                    {a.label}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
          <button type="button" className="notice-close" aria-label={t({ zh: '关闭', en: 'Close' })} title={t({ zh: '关闭', en: 'Close' })} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
