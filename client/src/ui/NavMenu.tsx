import { useEffect, useId, useRef, useState } from 'react';
import { Link } from '../router';

export interface NavItem {
  path: string;
  label: string;
}

/**
 * A menu of the top navigation (考核运行, 公众监督): a tab-like button that opens the list of its
 * pages as links. It is marked active, and names the page, while one of its pages is open; Escape,
 * a click elsewhere or opening a page closes it. A disclosure (button + list of links), so Tab and
 * Enter reach every page as they reach the tabs.
 */
export function NavMenu({ label, items, path, testId }: { label: string; items: NavItem[]; path: string; testId?: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const current = items.find((i) => i.path === path);
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="nav-menu" ref={ref}>
      <button
        ref={button}
        type="button"
        className={current ? 'tab active' : 'tab'}
        aria-expanded={open}
        aria-controls={listId}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        {current && <span className="nav-menu-current"> · {current.label}</span>}
        <span aria-hidden="true" className="nav-menu-caret">
          ▾
        </span>
      </button>
      <ul id={listId} className="nav-menu-list" hidden={!open}>
        {items.map((i) => (
          <li key={i.path}>
            <Link to={i.path} className={i.path === path ? 'active' : undefined} aria-current={i.path === path ? 'page' : undefined} onClick={() => setOpen(false)}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
