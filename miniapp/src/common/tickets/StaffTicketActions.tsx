import { useEffect, useRef, useState, type ComponentType } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { Section } from '../components';
import { isStale, showActionError, toast } from './staff-util';
import './staff-ticket.css';

/** Runs one action with the ticket's current version; resolves true when it went through. */
export type StaffAct<A extends string, B> = (action: A, body: B) => Promise<boolean>;

export interface StaffPanelProps<D, A extends string, B> {
  d: D;
  act: StaffAct<A, B>;
  busy: boolean;
  onClose: () => void;
}

interface Ticket<A extends string> {
  id: number;
  version: number;
  actions: readonly A[];
}

/**
 * The 操作 section of a staff detail page: a button for each action of `order` that the server offers
 * (`d.actions`), opening its panel, or running it at once for the `direct` ones (after `confirmDirect`).
 * An action posts with the current version; a clash or an illegal step reloads the ticket.
 */
export function StaffTicketActions<D extends Ticket<A>, A extends string, B extends object>(props: {
  d: D;
  order: readonly A[];
  panels: Partial<Record<A, ComponentType<StaffPanelProps<D, A, B>>>>;
  direct: readonly A[];
  confirmDirect?: (action: A) => Promise<boolean>;
  send: (id: number, action: A, body: B & { version: number }) => Promise<D>;
  label: (action: A) => string;
  buttonText?: (action: A) => string;
  onChanged: (d: D) => void;
  onReload: () => Promise<void>;
}) {
  const { d, order, panels, direct, confirmDirect, send, label, buttonText = label, onChanged, onReload } = props;
  const [panel, setPanel] = useState<A | null>(null);
  const [busy, setBusy] = useState<A | null>(null);
  const dRef = useRef(d);
  dRef.current = d;

  const actions = order.filter((a) => d.actions.includes(a));
  // the ticket moved on (refresh, someone else): close a panel whose action is no longer offered
  useEffect(() => {
    if (panel && !d.actions.includes(panel)) setPanel(null);
  }, [d.actions, panel]);

  const act: StaffAct<A, B> = async (action, body) => {
    if (busy) return false;
    setBusy(action);
    try {
      const updated = await send(d.id, action, { ...body, version: dRef.current.version });
      toast(`${label(action)}成功`, 'success');
      setPanel(null);
      if (updated && typeof updated === 'object' && Array.isArray(updated.actions)) onChanged(updated);
      else await onReload();
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
      return true;
    } catch (e) {
      showActionError(e);
      if (isStale(e)) {
        setPanel(null);
        await onReload();
      }
      return false;
    } finally {
      setBusy(null);
    }
  };

  function tap(a: A) {
    if (!direct.includes(a)) setPanel((p) => (p === a ? null : a));
    else if (!confirmDirect) void act(a, {} as B);
    else void confirmDirect(a).then((ok) => ok && act(a, {} as B));
  }

  if (!actions.length) return null;
  const Panel: ComponentType<StaffPanelProps<D, A, B>> | undefined = panel ? panels[panel] : undefined;
  return (
    <Section title="操作" className="rp-actions e2e-actions">
      <View className="rp-action-buttons">
        {actions.map((a, i) => (
          <Button
            key={a}
            className={`rp-action ${panel === a ? 'is-open' : ''} e2e-action-${a.replace(/_/g, '-')}`}
            size="small"
            type={a === 'cancel' ? 'danger' : i === 0 || panel === a ? 'primary' : 'default'}
            fill={i === 0 && a !== 'cancel' ? 'solid' : 'outline'}
            loading={busy === a && direct.includes(a)}
            disabled={!!busy}
            onClick={() => tap(a)}
          >
            {buttonText(a)}
          </Button>
        ))}
      </View>
      {Panel && panel && <Panel key={panel} d={d} act={act} busy={busy === panel} onClose={() => setPanel(null)} />}
    </Section>
  );
}
