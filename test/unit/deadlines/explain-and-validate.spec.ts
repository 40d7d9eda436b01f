import { BUILTIN_NOTICES, WorkingCalendar } from '../../../src/domain/calendar';
import { ClockInput, computeClock, explainDays, validateClockInput } from '../../../src/domain/deadlines';

const cal = new WorkingCalendar(BUILTIN_NOTICES);

describe('explainDays', () => {
  it('marks paused working days and ends on the reply deadline at the period length', () => {
    const input: ClockInput = {
      receiptDate: '2026-06-01',
      consultations: [
        { party: 'thirdParty', sentOn: '2026-06-03', closedOn: '2026-06-10' },
        { party: 'agency', sentOn: '2026-06-08', closedOn: '2026-06-12' },
      ],
    };
    const r = computeClock(input, cal);
    const pauses = r.ledger.flatMap((e) => (e.kind === 'pause' ? [{ from: e.from, to: e.to }] : []));
    expect(pauses).toEqual([{ from: '2026-06-03', to: '2026-06-12' }]); // overlapping: one stretch
    const days = explainDays(cal, r.replyClockStart!, r.replyDue!, pauses);
    const last = days[days.length - 1];
    expect(last).toMatchObject({ date: r.replyDue, count: 20, counted: true, paused: false });
    expect(days.find((d) => d.date === '2026-06-03')).toMatchObject({ paused: false, counted: true });
    expect(days.find((d) => d.date === '2026-06-04')).toMatchObject({ paused: true, counted: false });
    expect(days.find((d) => d.date === '2026-06-06')).toMatchObject({ kind: 'weekend', paused: false, counted: false });
    expect(days.filter((d) => d.paused).length).toBe(r.pausedWorkingDays);
    expect(days.find((d) => d.date === '2026-06-19')).toMatchObject({ kind: 'holiday', name: '端午节' });
  });
});

describe('validateClockInput on raw bodies', () => {
  const fields = (raw: unknown) => validateClockInput(raw).map((e) => e.field);

  it('rejects a non-object body and wrongly shaped members', () => {
    expect(fields(null)).toEqual(['']);
    expect(fields([])).toEqual(['']);
    expect(fields({ receiptDate: '2026-03-02', consultations: {} })).toEqual(['consultations']);
    expect(fields({ receiptDate: '2026-03-02', feePeriods: [1] })).toEqual(['feePeriods[0]']);
    expect(fields({ receiptDate: '2026-03-02', correction: 'x' })).toEqual(['correction']);
    expect(fields({ receiptDate: '2026-03-02', feePausesClock: 'yes' })).toEqual(['feePausesClock']);
  });

  it('tells a malformed date from an impossible one', () => {
    const [a] = validateClockInput({ receiptDate: '2026/03/02' });
    const [b] = validateClockInput({ receiptDate: '2026-02-30' });
    expect(a.message).toContain('YYYY-MM-DD');
    expect(b.message).toContain('日期不存在');
    expect(fields({})).toEqual(['receiptDate']);
  });

  it('checks the order of dates and the ranges', () => {
    expect(fields({ receiptDate: '2026-03-02', correction: { requestedOn: '2026-03-04', receivedOn: '2026-03-03' } })).toEqual(['correction.receivedOn']);
    expect(fields({ receiptDate: '2026-03-02', correction: { requestedOn: '2026-03-01' } })).toEqual(['correction.requestedOn']);
    expect(fields({ receiptDate: '2026-03-02', feePeriods: [{ noticeOn: '2026-03-05', paidOn: '2026-03-04' }] })).toEqual(['feePeriods[0].paidOn']);
    expect(fields({ receiptDate: '2026-03-02', consultations: [{ party: 'x', sentOn: '2026-03-03', closedOn: '2026-03-04' }] })).toEqual(['consultations[0].party']);
    expect(fields({ receiptDate: '2026-03-02', extensionWorkingDays: 1.5 })).toEqual(['extensionWorkingDays']);
    expect(fields({ receiptDate: '2026-03-02', feePeriods: [{ noticeOn: '2026-03-05' }] })).toEqual(['asOf']);
    expect(fields({ receiptDate: '2026-03-02', feePausesClock: false, feePeriods: [{ noticeOn: '2026-03-05' }] })).toEqual([]);
    expect(fields({ receiptDate: '2026-03-02', extensionWorkingDays: 20, deferredTo: '2026-06-30' })).toEqual([]);
  });
});

describe('provisional flag', () => {
  it('covers every returned deadline, not only the reply', () => {
    // reply due in 2026, but the third party's 15 WD run into 2027 (no notice loaded)
    const r = computeClock(
      { receiptDate: '2026-11-02', consultations: [{ party: 'thirdParty', sentOn: '2026-12-28', closedOn: '2026-12-29' }] },
      cal,
    );
    expect(r.replyDue! < '2027-01-01').toBe(true);
    expect(r.consultationDues[0].provisional).toBe(true);
    expect(r.provisional).toBe(true);
    const w = computeClock({ receiptDate: '2026-12-01', correction: { requestedOn: '2026-12-14' } }, cal);
    expect(w.replyDue).toBeNull();
    expect(w.applicantCorrectionDue! > '2026-12-31').toBe(true);
    expect(w.provisional).toBe(true);
  });
});
