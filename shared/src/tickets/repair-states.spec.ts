import { actorsFor, allowedRepairActions, repairTransition, REPAIR_RULES, RepairAction, RepairStatus, visitSideOf } from './repair-states';

const ALL_STATUSES = Object.values(RepairStatus);

describe('repair state machine', () => {
  it('walks the happy path', () => {
    const path: [RepairStatus, RepairAction, 'desk' | 'technician' | 'resident', RepairStatus][] = [
      ['submitted', 'accept', 'desk', 'accepted'],
      ['accepted', 'dispatch', 'desk', 'dispatched'],
      ['dispatched', 'propose_time', 'technician', 'dispatched'],
      ['scheduled', 'arrive', 'technician', 'in_progress'],
      ['in_progress', 'complete', 'technician', 'completed'],
      ['completed', 'confirm', 'resident', 'confirmed'],
      ['confirmed', 'return_visit', 'desk', 'closed'],
    ];
    for (const [from, action, actor, to] of path) expect(repairTransition(from, action, [actor], { proposedBy: 'staff' })).toEqual({ ok: true, next: to });
    expect(repairTransition('dispatched', 'accept_time', ['resident'], { proposedBy: 'staff' })).toEqual({ ok: true, next: 'scheduled' });
  });

  it('a dissatisfied return visit and a dispute reopen the order, which can be dispatched again', () => {
    expect(repairTransition('confirmed', 'return_visit', ['desk'], { satisfied: false })).toEqual({ ok: true, next: 'reopened' });
    expect(repairTransition('completed', 'dispute', ['resident'])).toEqual({ ok: true, next: 'reopened' });
    expect(repairTransition('reopened', 'dispatch', ['desk'])).toEqual({ ok: true, next: 'dispatched' });
  });

  it('resume returns to the state the order was held from', () => {
    expect(repairTransition('on_hold', 'resume', ['technician'], { heldFrom: 'in_progress' })).toEqual({ ok: true, next: 'in_progress' });
    expect(repairTransition('on_hold', 'resume', ['desk'], { heldFrom: 'scheduled' })).toEqual({ ok: true, next: 'scheduled' });
    expect(repairTransition('on_hold', 'resume', ['desk'], { heldFrom: null })).toEqual({ ok: true, next: 'dispatched' });
  });

  it('residents cancel only before dispatch; the desk until completion', () => {
    expect(repairTransition('accepted', 'cancel', ['resident']).ok).toBe(true);
    expect(repairTransition('dispatched', 'cancel', ['resident'])).toEqual({ ok: false, error: 'not_allowed' });
    expect(repairTransition('in_progress', 'cancel', ['desk']).ok).toBe(true);
    expect(repairTransition('completed', 'cancel', ['desk'])).toEqual({ ok: false, error: 'illegal_transition' });
  });

  it('roles: a technician acts only on orders dispatched to them; residents only on their own', () => {
    expect(actorsFor(['technician'], { isAssignee: false })).toEqual([]);
    expect(actorsFor(['technician'], { isAssignee: true })).toEqual(['technician']);
    expect(actorsFor(['resident'], { isReporter: false })).toEqual([]);
    expect(actorsFor(['supervisor'], {})).toEqual(['desk']);
    expect(repairTransition('dispatched', 'arrive', ['desk'])).toEqual({ ok: false, error: 'not_allowed' });
    expect(repairTransition('submitted', 'accept', ['technician'])).toEqual({ ok: false, error: 'not_allowed' });
  });

  it('terminal states allow nothing', () => {
    for (const s of ['closed', 'cancelled'] as RepairStatus[]) {
      const acts = allowedRepairActions(s, ['desk', 'technician', 'resident']).filter((a) => a !== 'rate');
      expect(acts).toEqual([]);
    }
  });

  it('every rule names states that exist', () => {
    for (const rule of Object.values(REPAIR_RULES)) for (const s of rule.from) expect(ALL_STATUSES).toContain(s);
  });

  it('rating is offered once', () => {
    expect(allowedRepairActions('confirmed', ['resident'])).toContain('rate');
    expect(allowedRepairActions('confirmed', ['resident'], { rated: true })).not.toContain('rate');
  });

  describe('the visit agreement', () => {
    it('either side proposes; only the other side accepts, which schedules a dispatched order', () => {
      for (const actor of ['technician', 'desk', 'resident'] as const)
        expect(repairTransition('dispatched', 'propose_time', [actor])).toEqual({ ok: true, next: 'dispatched' });
      expect(repairTransition('dispatched', 'accept_time', ['resident'], { proposedBy: 'staff' })).toEqual({ ok: true, next: 'scheduled' });
      expect(repairTransition('scheduled', 'accept_time', ['technician'], { proposedBy: 'resident' })).toEqual({ ok: true, next: 'scheduled' });
      expect(repairTransition('accepted', 'accept_time', ['desk'], { proposedBy: 'resident' })).toEqual({ ok: true, next: 'accepted' });
      // one's own proposal is not accepted by oneself
      expect(repairTransition('dispatched', 'accept_time', ['technician'], { proposedBy: 'staff' })).toEqual({ ok: false, error: 'not_allowed' });
      expect(repairTransition('dispatched', 'accept_time', ['resident'], { proposedBy: 'resident' })).toEqual({ ok: false, error: 'not_allowed' });
      // nothing to accept
      expect(repairTransition('dispatched', 'accept_time', ['resident'], { proposedBy: null })).toEqual({ ok: false, error: 'illegal_transition' });
    });

    it('the buttons follow the pending proposal: the proposer may counter-propose, the other side accepts or counters', () => {
      expect(allowedRepairActions('dispatched', ['resident'], { proposedBy: 'staff' })).toEqual(expect.arrayContaining(['propose_time', 'accept_time']));
      expect(allowedRepairActions('dispatched', ['technician'], { proposedBy: 'staff' })).not.toContain('accept_time');
      expect(allowedRepairActions('dispatched', ['technician'], { proposedBy: 'resident' })).toEqual(expect.arrayContaining(['propose_time', 'accept_time']));
      expect(allowedRepairActions('dispatched', ['technician'])).not.toContain('accept_time');
    });

    it('a technician no longer fixes a time alone: schedule is the desk recording a phone agreement', () => {
      expect(repairTransition('dispatched', 'schedule', ['technician'])).toEqual({ ok: false, error: 'not_allowed' });
      expect(repairTransition('dispatched', 'schedule', ['desk'])).toEqual({ ok: true, next: 'scheduled' });
    });

    it('emergencies make no appointment', () => {
      for (const a of ['schedule', 'propose_time', 'accept_time'] as const) {
        expect(repairTransition('dispatched', a, ['desk', 'technician', 'resident'], { emergency: true, proposedBy: 'staff' })).toEqual({
          ok: false,
          error: 'illegal_transition',
        });
      }
      expect(allowedRepairActions('accepted', ['resident'], { emergency: true })).not.toContain('propose_time');
      expect(visitSideOf('desk')).toBe('staff');
      expect(visitSideOf('system')).toBeNull();
    });
  });
});
