import fc from 'fast-check';
import { BUILTIN_NOTICES, formatIsoDate, parseIsoDate, WorkingCalendar } from '../../../src/domain/calendar';
import { ClockInput, ClockInputError, computeClock, explainDays, PERIODS, validateClockInput } from '../../../src/domain/deadlines';

const cal = new WorkingCalendar(BUILTIN_NOTICES);

/** N working days after `from`, walking day by day. */
function naiveAddWorkingDays(from: string, n: number): string {
  let d = parseIsoDate(from);
  for (let k = 0; k < n; ) {
    d++;
    if (cal.isWorkingDay(formatIsoDate(d))) k++;
  }
  return formatIsoDate(d);
}

/**
 * The answer period of a consultation, written out on its own (条例第32、34条: 15 WD; 第11条 other
 * agencies: 15 WD set by the product; 第17条第三款 referral: none).
 */
function naiveAnswerDays(x: { party: string; basis?: string | null }): number | null {
  if (x.party === 'thirdParty') return 15;
  return (x.basis ?? 'coProducer') === 'secrecyReferral' ? null : 15;
}

/** A consultation's answer due: from the party's receipt of the letter; none while its receipt is unknown. */
function naiveConsultationDue(x: NonNullable<ClockInput['consultations']>[number]): string | null {
  const n = naiveAnswerDays(x);
  if (n === null || x.awaitingReceipt) return null;
  return naiveAddWorkingDays(x.receivedOn ?? x.sentOn, n);
}

/** The fee payment due: 20 WD from the applicant's receipt of the notice (109号). */
function naiveFeeDue(f: NonNullable<ClockInput['feePeriods']>[number]): string | null {
  return f.awaitingReceipt ? null : naiveAddWorkingDays(f.receivedOn ?? f.noticeOn, 20);
}

/** The applicant's correction period: from their receipt of the 补正告知书 (条例第30条). */
function naiveCorrectionDue(c: ClockInput['correction']): string | null {
  if (!c || c.noticeAwaitingReceipt) return null;
  return naiveAddWorkingDays(c.noticeReceivedOn ?? c.requestedOn, c.periodWorkingDays ?? 15);
}

/** Deliberately naive reference of shared/domain §3, day by day. */
function naiveReplyDue(input: ClockInput): string | null {
  if (input.deferredTo) return input.deferredTo;
  const c = input.correction;
  if (c && !c.receivedOn) return null;
  const start = c?.receivedOn ?? input.receiptDate;
  const pauses: Array<[string, string]> = [];
  // 条例第三十三条第三款: a consultation pauses at most until its answer is due (15 WD after
  // receipt; while the receipt is unknown, 15 WD after sending); a referral until answered.
  for (const x of input.consultations ?? []) {
    const n = naiveAnswerDays(x);
    const cap = n === null ? null : naiveAddWorkingDays(x.awaitingReceipt ? x.sentOn : (x.receivedOn ?? x.sentOn), n);
    const end = x.closedOn ?? input.asOf!;
    pauses.push([x.sentOn, cap !== null && cap < end ? cap : end]);
  }
  if (input.feePausesClock ?? true) for (const f of input.feePeriods ?? []) pauses.push([f.noticeOn, f.paidOn ?? input.asOf!]);
  const n = PERIODS.reply + (input.extensionWorkingDays ?? 0);
  let d = parseIsoDate(start);
  let k = 0;
  while (k < n) {
    d++;
    const iso = formatIsoDate(d);
    if (!cal.isWorkingDay(iso)) continue;
    if (pauses.some(([s, r]) => s < iso && iso <= r)) continue;
    k++;
  }
  return formatIsoDate(d);
}

describe('the statutory clock (shared/domain §3)', () => {
  it('reproduces the worked examples', () => {
    const a = computeClock({ receiptDate: '2026-02-13' }, cal);
    expect(a.correctionNoticeDue).toBe('2026-03-02');
    expect(a.replyDue).toBe('2026-03-19');
    expect(a.provisional).toBe(false);
    expect(computeClock({ receiptDate: '2026-01-03' }, cal).replyDue).toBe('2026-01-29');
    expect(computeClock({ receiptDate: '2026-09-18' }, cal).replyDue).toBe('2026-10-22');
    const b = computeClock({ receiptDate: '2025-09-26' }, cal);
    expect([b.correctionNoticeDue, b.replyDue]).toEqual(['2025-10-13', '2025-10-30']);
  });

  it('explains the deadline: start, holidays and make-up days crossed, the deadline', () => {
    const r = computeClock({ receiptDate: '2026-02-13', asOf: '2026-03-02' }, cal);
    const kinds = r.ledger.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['start', 'period', 'holiday', 'makeup', 'deadline']));
    const holiday = r.ledger.find((e) => e.kind === 'holiday') as any;
    expect(holiday).toMatchObject({ name: '春节', from: '2026-02-15', to: '2026-02-23' });
    expect(r.ledger.filter((e) => e.kind === 'makeup').map((e: any) => e.date)).toEqual(['2026-02-14', '2026-02-28']);
    expect(r.remainingWorkingDays).toBe(cal.workingDaysBetween('2026-03-02', '2026-03-19'));
    expect(r.overdue).toBe(false);
    // day-by-day explanation ends on day 20
    const days = explainDays(cal, '2026-02-13', r.replyDue!);
    expect(days[days.length - 1]).toMatchObject({ date: '2026-03-19', count: 20 });
  });

  it('restarts the reply clock from the receipt of the corrected application', () => {
    const waiting = computeClock({ receiptDate: '2026-02-13', correction: { requestedOn: '2026-02-24' } }, cal);
    expect(waiting.replyDue).toBeNull();
    expect(waiting.applicantCorrectionDue).toBe(cal.addWorkingDays('2026-02-24', 15));
    const done = computeClock({ receiptDate: '2026-02-13', correction: { requestedOn: '2026-02-24', receivedOn: '2026-03-05' } }, cal);
    expect(done.replyDue).toBe(cal.addWorkingDays('2026-03-05', 20));
    expect(done.ledger.find((e) => e.kind === 'start')).toMatchObject({ date: '2026-03-05' });
  });

  it('a good reason (正当理由, 条例第30条) runs the applicant’s period again, in full, from that day', () => {
    const r = computeClock({ receiptDate: '2026-02-13', correction: { requestedOn: '2026-02-24', periodWorkingDays: 5, reopenedOn: '2026-03-04' } }, cal);
    expect(r.applicantCorrectionDue).toBe('2026-03-11');
    expect(r.replyDue).toBeNull();
    expect(r.ledger.find((e) => e.kind === 'deadline' && e.name === 'applicantCorrectionDue')?.text).toMatch(/因正当理由自2026年3月4日起重新计算5个工作日/);
    const fee = computeClock(
      { receiptDate: '2026-02-13', feePeriods: [{ noticeOn: '2026-02-24', reopenedOn: '2026-04-01' }], asOf: '2026-04-01' },
      cal,
    );
    expect(fee.feePaymentDues[0]).toMatchObject({ due: cal.addWorkingDays('2026-04-01', PERIODS.feePayment), open: true });
    expect(validateClockInput({ receiptDate: '2026-02-13', correction: { requestedOn: '2026-02-24', reopenedOn: '2026-02-20' } }).map((e) => e.field)).toEqual([
      'correction.reopenedOn',
    ]);
  });

  it('discards a pause that ended before the corrected application arrived', () => {
    const r = computeClock(
      {
        receiptDate: '2026-03-02',
        consultations: [{ party: 'agency', sentOn: '2026-03-03', closedOn: '2026-03-06' }],
        correction: { requestedOn: '2026-03-04', receivedOn: '2026-03-10' },
      },
      cal,
    );
    expect(r.replyDue).toBe(cal.addWorkingDays('2026-03-10', 20));
    expect(r.pausedWorkingDays).toBe(0);
  });

  it('counts overlapping pauses once and adjacent pauses as one stretch', () => {
    const overlapping: ClockInput = {
      receiptDate: '2026-03-02',
      consultations: [
        { party: 'thirdParty', sentOn: '2026-03-04', closedOn: '2026-03-13' },
        { party: 'agency', sentOn: '2026-03-10', closedOn: '2026-03-18' },
      ],
    };
    const r = computeClock(overlapping, cal);
    expect(r.replyDue).toBe(naiveReplyDue(overlapping));
    expect(r.pausedWorkingDays).toBe(cal.workingDaysBetween('2026-03-04', '2026-03-18'));
    expect(r.ledger.filter((e) => e.kind === 'pause')).toHaveLength(1);
    const adjacent: ClockInput = {
      receiptDate: '2026-03-02',
      consultations: [
        { party: 'thirdParty', sentOn: '2026-03-04', closedOn: '2026-03-09' },
        { party: 'agency', sentOn: '2026-03-09', closedOn: '2026-03-12' },
      ],
    };
    expect(computeClock(adjacent, cal).replyDue).toBe(naiveReplyDue(adjacent));
    expect(computeClock(adjacent, cal).ledger.filter((e) => e.kind === 'pause')).toHaveLength(1);
  });

  it('handles a pause that starts on a non-working day', () => {
    const input: ClockInput = {
      receiptDate: '2026-09-24',
      consultations: [{ party: 'thirdParty', sentOn: '2026-10-03', closedOn: '2026-10-15' }],
    };
    expect(computeClock(input, cal).replyDue).toBe(naiveReplyDue(input));
  });

  it('pauses an open consultation up to asOf and requires asOf for it', () => {
    const input: ClockInput = { receiptDate: '2026-06-01', consultations: [{ party: 'thirdParty', sentOn: '2026-06-03' }], asOf: '2026-06-12' };
    expect(computeClock(input, cal).replyDue).toBe(naiveReplyDue(input));
    expect(() => computeClock({ ...input, asOf: undefined }, cal)).toThrow(ClockInputError);
  });

  it('pauses the fee period only when the agency setting says so', () => {
    const input: ClockInput = { receiptDate: '2026-06-01', feePeriods: [{ noticeOn: '2026-06-05', paidOn: '2026-06-15' }] };
    expect(computeClock(input, cal).replyDue).toBe(naiveReplyDue(input));
    expect(computeClock({ ...input, feePausesClock: false }, cal).replyDue).toBe(cal.addWorkingDays('2026-06-01', 20));
    expect(computeClock(input, cal).feePaymentDues[0]).toMatchObject({ due: cal.addWorkingDays('2026-06-05', 20), open: false });
  });

  it('adds an extension of 1 and of 20 working days, never more', () => {
    expect(computeClock({ receiptDate: '2026-02-13', extensionWorkingDays: 1 }, cal).replyDue).toBe(cal.addWorkingDays('2026-02-13', 21));
    expect(computeClock({ receiptDate: '2026-02-13', extensionWorkingDays: 20 }, cal).replyDue).toBe(cal.addWorkingDays('2026-02-13', 40));
    expect(() => computeClock({ receiptDate: '2026-02-13', extensionWorkingDays: 21 }, cal)).toThrow(ClockInputError);
  });

  it('replaces the deadline by an Art 35 deferred date', () => {
    const r = computeClock({ receiptDate: '2026-02-13', deferredTo: '2026-06-30' }, cal);
    expect(r.replyDue).toBe('2026-06-30');
    expect(r.ledger.some((e) => e.kind === 'deferral')).toBe(true);
  });

  it('flags deadlines running into an unpublished year as provisional', () => {
    const r = computeClock({ receiptDate: '2026-12-15' }, cal);
    expect(r.provisional).toBe(true);
    expect(r.ledger.some((e) => e.kind === 'provisional' && e.year === 2027)).toBe(true);
    expect(computeClock({ receiptDate: '2026-11-02' }, cal).provisional).toBe(false);
  });

  it('computes third-party and co-agency answer deadlines from their receipt of the letter', () => {
    const r = computeClock(
      {
        receiptDate: '2026-03-02',
        consultations: [
          { party: 'thirdParty', sentOn: '2026-03-04', receivedOn: '2026-03-06', closedOn: '2026-03-20' },
          { party: 'agency', sentOn: '2026-03-04' },
        ],
        asOf: '2026-03-25',
      },
      cal,
    );
    expect(r.consultationDues[0]).toMatchObject({ due: cal.addWorkingDays('2026-03-06', 15), open: false });
    expect(r.consultationDues[1]).toMatchObject({ due: cal.addWorkingDays('2026-03-04', 15), open: true });
  });

  it('reports remaining working days and overdue against asOf', () => {
    const late = computeClock({ receiptDate: '2026-02-13', asOf: '2026-03-24' }, cal);
    expect(late.overdue).toBe(true);
    expect(late.remainingWorkingDays).toBe(-3);
    const onTheDay = computeClock({ receiptDate: '2026-02-13', asOf: '2026-03-19' }, cal);
    expect([onTheDay.overdue, onTheDay.remainingWorkingDays]).toEqual([false, 0]);
  });

  it('takes an extension of 0 as none', () => {
    expect(computeClock({ receiptDate: '2026-02-13', extensionWorkingDays: 0 }, cal).replyDue).toBe('2026-03-19');
  });

  it('ends a consultation pause at the answer due date, however late the answer or the expiry (finding 8)', () => {
    // Sent 03-05, answer due 03-26 (15 WD); the reply falls due 04-21 whether the consultation closed on
    // the due date, on the expiry day after it, on a late answer, or is still open.
    for (const closedOn of ['2026-03-26', '2026-03-27', '2026-04-08', undefined]) {
      const input: ClockInput = { receiptDate: '2026-03-02', consultations: [{ party: 'agency', sentOn: '2026-03-05', closedOn }], asOf: '2026-04-10' };
      const r = computeClock(input, cal);
      expect([closedOn, r.replyDue, r.pausedWorkingDays]).toEqual([closedOn, '2026-04-21', 15]);
      expect(r.replyDue).toBe(naiveReplyDue(input));
      const waiting = computeClock({ receiptDate: '2026-03-02', consultations: [{ id: 'C1', party: 'thirdParty', sentOn: '2026-03-05', awaitingReceipt: true }], asOf: '2026-04-10' }, cal);
    expect(waiting.ledger.find((e) => e.kind === 'pause')).toMatchObject({ from: '2026-03-05', to: '2026-03-26' });
    }
    // From the day the party received the letter: received 03-09, due 03-30.
    const received = computeClock({ receiptDate: '2026-03-02', consultations: [{ party: 'thirdParty', sentOn: '2026-03-05', receivedOn: '2026-03-09', closedOn: '2026-04-20' }] }, cal);
    expect(received.ledger.find((e) => e.kind === 'pause')).toMatchObject({ from: '2026-03-05', to: '2026-03-30' });
  });

  it('agrees with the naive reference when consultations outlast their answer period, answered, expired or open', () => {
    const day = (a: string, b: string) => fc.integer({ min: parseIsoDate(a), max: parseIsoDate(b) }).map(formatIsoDate);
    const arb = fc
      .record({
        receipt: day('2025-01-01', '2026-10-31'),
        consultations: fc.array(
          fc.record({
            s: fc.integer({ min: 0, max: 40 }),
            got: fc.integer({ min: 0, max: 5 }),
            len: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }),
            party: fc.constantFrom('thirdParty', 'agency'),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        asOf: fc.integer({ min: 40, max: 120 }),
        ext: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
      })
      .map((r) => {
        const plus = (iso: string, n: number) => formatIsoDate(parseIsoDate(iso) + n);
        const input: ClockInput = {
          receiptDate: r.receipt,
          consultations: r.consultations.map((p) => ({
            party: p.party as 'thirdParty' | 'agency',
            sentOn: plus(r.receipt, p.s),
            receivedOn: plus(r.receipt, p.s + p.got),
            closedOn: p.len === undefined ? null : plus(r.receipt, p.s + p.len),
          })),
          asOf: plus(r.receipt, r.asOf),
          extensionWorkingDays: r.ext,
        };
        return input;
      });
    fc.assert(fc.property(arb, (input) => computeClock(input, cal).replyDue === naiveReplyDue(input)), { numRuns: 1000 });
  });

  it('agrees with the naive reference on receipt dates: every period counted from receipt, none while it is unknown (finding 1)', () => {
    const day = (a: string, b: string) => fc.integer({ min: parseIsoDate(a), max: parseIsoDate(b) }).map(formatIsoDate);
    // A notice's receipt: the day sent (in person, electronic), a later day (post, delivered), or unknown (post, no record yet).
    const receipt = fc.oneof(fc.constant('sameDay' as const), fc.integer({ min: 1, max: 12 }), fc.constant('unknown' as const));
    const arb = fc
      .record({
        receipt: day('2025-01-01', '2026-10-31'),
        consultations: fc.array(
          fc.record({
            s: fc.integer({ min: 0, max: 40 }),
            got: receipt,
            len: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
            who: fc.constantFrom('thirdParty', 'coProducer', 'secrecyReferral', 'other', 'agency'),
          }),
          { maxLength: 4 },
        ),
        fees: fc.array(fc.record({ s: fc.integer({ min: 0, max: 40 }), got: receipt, len: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }) }), { maxLength: 1 }),
        corr: fc.option(fc.record({ req: fc.integer({ min: 0, max: 7 }), got: receipt, days: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }), rec: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }) }), { nil: undefined }),
        asOf: fc.integer({ min: 60, max: 140 }),
        ext: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        feePausesClock: fc.boolean(),
      })
      .map((r) => {
        const plus = (iso: string, n: number) => formatIsoDate(parseIsoDate(iso) + n);
        const got = (sent: string, g: 'sameDay' | 'unknown' | number) =>
          g === 'unknown' ? { awaitingReceipt: true } : g === 'sameDay' ? {} : { receivedOn: plus(sent, g) };
        const input: ClockInput = {
          receiptDate: r.receipt,
          consultations: r.consultations.map((p) => {
            const sentOn = plus(r.receipt, p.s);
            const party = p.who === 'thirdParty' ? ('thirdParty' as const) : ('agency' as const);
            const basis = p.who === 'thirdParty' || p.who === 'agency' ? undefined : (p.who as 'coProducer' | 'secrecyReferral' | 'other');
            return { party, ...(basis ? { basis } : {}), sentOn, ...got(sentOn, p.got), closedOn: p.len === undefined ? null : plus(sentOn, p.len) };
          }),
          feePeriods: r.fees.map((f) => {
            const noticeOn = plus(r.receipt, f.s);
            return { noticeOn, ...got(noticeOn, f.got), paidOn: f.len === undefined ? null : plus(noticeOn, f.len) };
          }),
          asOf: plus(r.receipt, r.asOf),
          extensionWorkingDays: r.ext,
          feePausesClock: r.feePausesClock,
        };
        if (r.corr) {
          const requestedOn = plus(r.receipt, r.corr.req);
          const g = got(requestedOn, r.corr.got);
          input.correction = {
            requestedOn,
            ...('awaitingReceipt' in g ? { noticeAwaitingReceipt: true } : {}),
            ...('receivedOn' in g ? { noticeReceivedOn: g.receivedOn } : {}),
            ...(r.corr.days ? { periodWorkingDays: r.corr.days } : {}),
            ...(r.corr.rec !== undefined ? { receivedOn: plus(requestedOn, r.corr.rec) } : {}),
          };
        }
        return input;
      });
    fc.assert(
      fc.property(arb, (input) => {
        const c = computeClock(input, cal);
        expect(c.replyDue).toBe(naiveReplyDue(input));
        expect(c.consultationDues.map((d) => d.due)).toEqual((input.consultations ?? []).map(naiveConsultationDue));
        expect(c.consultationDues.map((d) => d.awaitingReceipt)).toEqual((input.consultations ?? []).map((x) => !!x.awaitingReceipt && naiveAnswerDays(x) !== null));
        expect(c.feePaymentDues.map((d) => d.due)).toEqual((input.feePeriods ?? []).map(naiveFeeDue));
        expect(c.applicantCorrectionDue).toBe(naiveCorrectionDue(input.correction));
        expect(c.applicantCorrectionAwaitingReceipt).toBe(!!input.correction?.noticeAwaitingReceipt);
      }),
      { numRuns: 1000 },
    );
  });

  it('runs the periods from the recipient\'s receipt: the review\'s examples (finding 1)', () => {
    // Consultation letter posted Thu 2026-03-05, received Mon 03-09: due 03-30, not 03-26.
    const posted = computeClock({ receiptDate: '2026-03-02', consultations: [{ party: 'agency', sentOn: '2026-03-05', receivedOn: '2026-03-09' }], asOf: '2026-03-20' }, cal);
    expect(posted.consultationDues[0]).toMatchObject({ due: '2026-03-30', awaitingReceipt: false, basis: 'coProducer' });
    // Fee notice of 03-20 received 03-24: due 04-22, not 04-20.
    const fee = computeClock({ receiptDate: '2026-03-02', feePeriods: [{ noticeOn: '2026-03-20', receivedOn: '2026-03-24' }], asOf: '2026-03-25' }, cal);
    expect(fee.feePaymentDues[0]).toMatchObject({ due: '2026-04-22', awaitingReceipt: false });
    // 补正告知书 of 02-24 received 02-27: 15 WD from 02-27.
    const corr = computeClock({ receiptDate: '2026-02-13', correction: { requestedOn: '2026-02-24', noticeReceivedOn: '2026-02-27' } }, cal);
    expect(corr.applicantCorrectionDue).toBe(cal.addWorkingDays('2026-02-27', 15));
    expect(corr.ledger.find((e) => e.kind === 'deadline' && e.name === 'applicantCorrectionDue')?.text).toContain('申请人收到补正告知书之日');
  });

  it('shows no due date while a posted notice\'s receipt is unknown; meanwhile a consultation pauses at most 15 WD after sending', () => {
    const r = computeClock(
      {
        receiptDate: '2026-03-02',
        consultations: [{ id: 'C1', party: 'thirdParty', sentOn: '2026-03-05', awaitingReceipt: true }],
        feePeriods: [{ noticeOn: '2026-03-06', awaitingReceipt: true }],
        asOf: '2026-04-10',
      },
      cal,
    );
    expect(r.consultationDues[0]).toMatchObject({ id: 'C1', due: null, awaitingReceipt: true, open: true, provisional: false });
    expect(r.feePaymentDues[0]).toMatchObject({ due: null, awaitingReceipt: true, open: true });
    // Sent 03-05, still waiting on 04-10: the pause ends where the period would end at the earliest (03-26)…
    const waiting = computeClock({ receiptDate: '2026-03-02', consultations: [{ id: 'C1', party: 'thirdParty', sentOn: '2026-03-05', awaitingReceipt: true }], asOf: '2026-04-10' }, cal);
    expect(waiting.ledger.find((e) => e.kind === 'pause')).toMatchObject({ from: '2026-03-05', to: '2026-03-26' });
    // …and reaches 15 WD after the receipt once it is recorded (received 03-09: due and pause end 03-30).
    const got = computeClock({ receiptDate: '2026-03-02', consultations: [{ id: 'C1', party: 'thirdParty', sentOn: '2026-03-05', receivedOn: '2026-03-09' }], asOf: '2026-04-10' }, cal);
    expect(got.ledger.find((e) => e.kind === 'pause')).toMatchObject({ from: '2026-03-05', to: '2026-03-30' });
    expect(r.ledger.filter((e) => e.kind === 'period' && /尚未起算/.test(e.text))).toHaveLength(2);
    const corr = computeClock({ receiptDate: '2026-02-13', correction: { requestedOn: '2026-02-24', noticeAwaitingReceipt: true } }, cal);
    expect([corr.applicantCorrectionDue, corr.applicantCorrectionAwaitingReceipt]).toEqual([null, true]);
  });

  it('pauses a 第17条第三款 referral until answered, with no answer due; caps another agency at 15 WD (finding 10)', () => {
    const referral = computeClock({ receiptDate: '2026-03-02', consultations: [{ party: 'agency', basis: 'secrecyReferral', sentOn: '2026-03-05', closedOn: '2026-04-20' }] }, cal);
    expect(referral.consultationDues[0]).toMatchObject({ basis: 'secrecyReferral', due: null, awaitingReceipt: false });
    expect(referral.ledger.find((e) => e.kind === 'pause')).toMatchObject({ from: '2026-03-05', to: '2026-04-20' });
    expect(referral.pausedWorkingDays).toBe(cal.workingDaysBetween('2026-03-05', '2026-04-20'));
    expect((referral.ledger.find((e) => e.kind === 'pause') as { reason: string }).reason).toContain('第十七条第三款');
    const other = computeClock({ receiptDate: '2026-03-02', consultations: [{ party: 'agency', basis: 'other', sentOn: '2026-03-05', closedOn: '2026-04-20' }] }, cal);
    expect(other.consultationDues[0]).toMatchObject({ basis: 'other', due: '2026-03-26' });
    expect(other.ledger.find((e) => e.kind === 'pause')).toMatchObject({ from: '2026-03-05', to: '2026-03-26' });
  });

  it('refuses a basis for a third party and a receipt date beside awaitingReceipt', () => {
    const errs = validateClockInput({
      receiptDate: '2026-03-02',
      consultations: [
        { party: 'thirdParty', basis: 'other', sentOn: '2026-03-05', closedOn: '2026-03-06' },
        { party: 'agency', basis: 'friendly', sentOn: '2026-03-05', closedOn: '2026-03-06' },
      ],
      feePeriods: [{ noticeOn: '2026-03-05', receivedOn: '2026-03-06', awaitingReceipt: true, paidOn: '2026-03-07' }],
      correction: { requestedOn: '2026-03-03', noticeReceivedOn: '2026-03-02' },
    });
    expect(errs.map((e) => e.field)).toEqual(
      expect.arrayContaining(['consultations[0].basis', 'consultations[1].basis', 'feePeriods[0].awaitingReceipt', 'correction.noticeReceivedOn']),
    );
  });

  it('refuses bad input with field errors in Chinese', () => {
    const errs = validateClockInput({
      receiptDate: '2026-03-02',
      consultations: [{ party: 'thirdParty', sentOn: '2026-03-10', closedOn: '2026-03-05' }],
      feePeriods: [{ noticeOn: '2026-02-30' }],
      extensionWorkingDays: 21,
    });
    expect(errs.map((e) => e.field)).toEqual(expect.arrayContaining(['consultations[0].closedOn', 'feePeriods[0].noticeOn', 'extensionWorkingDays']));
    for (const e of errs) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('agrees with the naive reference on random cases with corrections, pauses and extensions', () => {
    const day = (a: string, b: string) => fc.integer({ min: parseIsoDate(a), max: parseIsoDate(b) }).map(formatIsoDate);
    const arb = fc
      .record({
        receipt: day('2025-01-01', '2026-10-31'),
        corr: fc.option(fc.record({ req: fc.integer({ min: 0, max: 7 }), rec: fc.integer({ min: 0, max: 30 }) }), { nil: undefined }),
        pauses: fc.array(fc.record({ s: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: 0, max: 25 }), party: fc.constantFrom('thirdParty', 'agency') }), { maxLength: 4 }),
        fees: fc.array(fc.record({ s: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: 0, max: 25 }) }), { maxLength: 2 }),
        ext: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        feePausesClock: fc.boolean(),
      })
      .map((r) => {
        const plus = (iso: string, n: number) => formatIsoDate(parseIsoDate(iso) + n);
        const input: ClockInput = {
          receiptDate: r.receipt,
          consultations: r.pauses.map((p) => ({ party: p.party as 'thirdParty' | 'agency', sentOn: plus(r.receipt, p.s), closedOn: plus(r.receipt, p.s + p.len) })),
          feePeriods: r.fees.map((f) => ({ noticeOn: plus(r.receipt, f.s), paidOn: plus(r.receipt, f.s + f.len) })),
          extensionWorkingDays: r.ext,
          feePausesClock: r.feePausesClock,
        };
        if (r.corr) input.correction = { requestedOn: plus(r.receipt, r.corr.req), receivedOn: plus(r.receipt, r.corr.req + r.corr.rec) };
        return input;
      });
    fc.assert(fc.property(arb, (input) => computeClock(input, cal).replyDue === naiveReplyDue(input)), { numRuns: 1000 });
  });
});
