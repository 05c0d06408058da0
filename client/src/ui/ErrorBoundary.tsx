import { Component, type ErrorInfo, type ReactNode } from 'react';
import { GRID_TEXT, useI18n, type Lang } from '../i18n';

interface Props {
  lang: Lang;
  children: ReactNode;
}

/**
 * Catches a render error in one page: the page shows a plain message and a reload button, while
 * the header and navigation keep working (a crash in one grid never blanks the app). Keyed by the
 * page's path where it is used, so moving to another page starts afresh.
 */
class Boundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    // Kept for whoever reads the console; the page says it in plain words.
    console.warn('Page failed to render:', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    const l = this.props.lang;
    return (
      <div className="page page-error" role="alert" data-testid="page-error">
        <h1>{GRID_TEXT.pageErrorTitle[l]}</h1>
        <p>{GRID_TEXT.pageErrorBody[l]}</p>
        <p>
          <button type="button" className="primary" onClick={() => window.location.reload()} data-testid="page-reload">
            {GRID_TEXT.pageReload[l]}
          </button>
        </p>
      </div>
    );
  }
}

export function ErrorBoundary({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return <Boundary lang={lang}>{children}</Boundary>;
}
