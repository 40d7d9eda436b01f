import { BUILTIN_NOTICES, WorkingCalendar } from '../../../src/domain/calendar';
import {
  assessBackdating,
  BACKDATE_GRACE_WORKING_DAYS_DEFAULT,
  backdateProblem,
  backdateRecord,
} from '../../../src/domain/workflow/backdating';
import { machineEventOf } from '../../../src/domain/workflow/log';

const cal = new WorkingCalendar(BUILTIN_NOTICES);
const GRACE = BACKDATE_GRACE_WORKING_DAYS_DEFAULT;

describe('补录 (backdated entries): an internal-control rule, src/domain/workflow/backdating.ts', () => {
  it('defaults to a grace window of 3 working days', () => {
    expect(GRACE).toBe(3);
  });

  describe('assessBackdating counts working days on the holiday calendar', () => {
    it('counts the working days after occurredOn up to today, 调休 Saturday included', () => {
      // 2026-02-28 (Sat) is a 春节 make-up working day: 02-25, 26, 27, 28, 03-02.
      expect(assessBackdating('2026-02-24', '2026-03-02', GRACE, cal)).toEqual({
        backdated: true,
        workingDaysLate: 5,
        graceWorkingDays: 3,
        beyondGrace: true,
      });
      expect(assessBackdating('2026-02-25', '2026-03-02', GRACE, cal)).toMatchObject({ workingDaysLate: 4, beyondGrace: true });
      expect(assessBackdating('2026-02-26', '2026-03-02', GRACE, cal)).toMatchObject({ workingDaysLate: 3, beyondGrace: false });
    });

    it('does not count the 春节 holiday: eleven calendar days are two working days', () => {
      // (02-13, 02-24]: 02-14 (make-up Saturday) and 02-24; 02-15…02-23 are the holiday.
      expect(assessBackdating('2026-02-13', '2026-02-24', GRACE, cal)).toMatchObject({ backdated: true, workingDaysLate: 2, beyondGrace: false });
    });

    it('an entry of today is not backdated; a Friday recorded on Sunday is backdated by 0 working days', () => {
      expect(assessBackdating('2026-03-02', '2026-03-02', GRACE, cal)).toEqual({
        backdated: false,
        workingDaysLate: 0,
        graceWorkingDays: 3,
        beyondGrace: false,
      });
      expect(assessBackdating('2026-03-06', '2026-03-08', GRACE, cal)).toMatchObject({ backdated: true, workingDaysLate: 0, beyondGrace: false });
    });

    it('follows the agency’s window: 0 asks a reason for any working day late, 10 allows two weeks', () => {
      expect(assessBackdating('2026-02-27', '2026-03-02', 0, cal)).toMatchObject({ workingDaysLate: 2, beyondGrace: true });
      expect(assessBackdating('2026-02-24', '2026-03-02', 10, cal)).toMatchObject({ workingDaysLate: 5, beyondGrace: false });
    });
  });

  describe('backdateProblem: beyond the window the reason is required', () => {
    const late = assessBackdating('2026-02-24', '2026-03-02', GRACE, cal);
    it('refuses a missing or blank reason, naming backdateReason, in Chinese', () => {
      for (const reason of [undefined, null, '', '   ']) {
        const p = backdateProblem(late, reason);
        expect(p).toMatchObject({ field: 'backdateReason' });
        expect(p!.message).toBe('业务发生日期早于今天超过 3 个工作日（晚 5 个工作日补录），须填写补录原因（backdateReason）');
        expect(p!.fieldMessage).toMatch(/backdateReason/);
      }
    });
    it('accepts a reason beyond the window, and anything within it', () => {
      expect(backdateProblem(late, '纸质延期告知书已于当日送达，系统当时停机')).toBeNull();
      expect(backdateProblem(assessBackdating('2026-02-26', '2026-03-02', GRACE, cal), undefined)).toBeNull();
      expect(backdateProblem(assessBackdating('2026-03-02', '2026-03-02', GRACE, cal), undefined)).toBeNull();
    });
  });

  describe('backdateRecord: what the history keeps (payload.backdate)', () => {
    it('flags an entry beyond the window, with its reason and the day it was recorded', () => {
      const late = assessBackdating('2026-02-24', '2026-03-02', GRACE, cal);
      expect(backdateRecord(late, ' 系统停机，按纸质记录补录 ', '2026-03-02')).toEqual({
        reason: '系统停机，按纸质记录补录',
        recordedOn: '2026-03-02',
        workingDaysLate: 5,
        graceWorkingDays: 3,
        flagged: true,
      });
    });
    it('keeps a reason given within the window, unflagged; records nothing without one or for today', () => {
      const within = assessBackdating('2026-02-26', '2026-03-02', GRACE, cal);
      expect(backdateRecord(within, '周末补录', '2026-03-02')).toEqual({
        reason: '周末补录',
        recordedOn: '2026-03-02',
        workingDaysLate: 3,
        graceWorkingDays: 3,
        flagged: false,
      });
      expect(backdateRecord(within, undefined, '2026-03-02')).toBeNull();
      expect(backdateRecord(within, '  ', '2026-03-02')).toBeNull();
      expect(backdateRecord(assessBackdating('2026-03-02', '2026-03-02', GRACE, cal), '无', '2026-03-02')).toBeNull();
    });
  });

  it('replay leaves the note out of the machine event (the machine sees the same event as on the day)', () => {
    const payload = {
      workingDays: 10,
      reason: '需调阅档案',
      actorRoles: ['approver', 'office_head'],
      backdate: { reason: '补录', recordedOn: '2026-03-02', workingDaysLate: 5, graceWorkingDays: 3, flagged: true },
    };
    const event = machineEventOf({ type: 'EXTEND', payload, actorId: 'u1', occurredOn: '2026-02-24' }) as unknown as Record<string, unknown>;
    expect(event).not.toHaveProperty('backdate');
    expect(event).toMatchObject({ type: 'EXTEND', on: '2026-02-24', workingDays: 10, actorRoles: ['approver', 'office_head'] });
  });
});
