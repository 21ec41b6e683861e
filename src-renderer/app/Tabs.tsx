/**
 * The panel tabs, per the WAI-ARIA tabs pattern: one tab stop, arrow keys (and Home/End) move
 * between tabs and select them.
 * data-testid: tabs, tab-now, tab-dlq, tab-history, tab-settings (aria-selected on the current one).
 */
import { useRef, type KeyboardEvent } from 'react';
import { tabs, type Tab } from '../common/route.ts';
import { useI18n } from '../i18n/i18n.ts';

export function tabId(tab: Tab): string {
  return `tab-${tab}`;
}

export function panelId(tab: Tab): string {
  return `panel-${tab}`;
}

export function Tabs({
  current,
  onSelect,
  badges,
}: {
  current: Tab;
  onSelect: (tab: Tab) => void;
  badges: Partial<Record<Tab, number>>;
}) {
  const { t } = useI18n();
  const refs = useRef(new Map<Tab, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.indexOf(current);
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    onSelect(next);
    refs.current.get(next)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label={t('tab.label')} onKeyDown={onKeyDown} data-testid="tabs">
      {tabs.map((tab) => {
        const selected = tab === current;
        const badge = badges[tab];
        return (
          <button
            key={tab}
            ref={(element) => {
              if (element) refs.current.set(tab, element);
              else refs.current.delete(tab);
            }}
            type="button"
            role="tab"
            id={tabId(tab)}
            aria-selected={selected}
            aria-controls={panelId(tab)}
            tabIndex={selected ? 0 : -1}
            onClick={() => onSelect(tab)}
            data-testid={tabId(tab)}
          >
            {t(`tab.${tab}`)}
            {badge !== undefined && badge > 0 && (
              <span className="tab-badge" aria-label={t('tab.badge', { count: badge })}>
                {badge}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
