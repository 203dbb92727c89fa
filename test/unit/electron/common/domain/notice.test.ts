import { describe, expect, it } from 'vitest';
import {
  activeNotices,
  mergeWithdrawal,
  toPublicNotice,
  type Notice,
} from '../../../../../electron/common/domain/notice';

const notice = (id: string, fields: Partial<Notice> = {}): Notice => ({
  id,
  text: { pl: 'Winda nieczynna.', en: 'The lift is out of order.', uk: 'Ліфт не працює.' },
  from: 100,
  until: 200,
  urgency: 'normal',
  updatedAt: 1,
  ...fields,
});

describe('notices', () => {
  it('stand from `from` until just before `until`, unless withdrawn; urgent first, then the newest', () => {
    const notices = [
      notice('old', { from: 100 }),
      notice('new', { from: 150 }),
      notice('urgent', { from: 120, urgency: 'urgent' }),
      notice('withdrawn', { withdrawnAt: 130 }),
      notice('later', { from: 190 }),
    ];
    expect(activeNotices(notices, 99)).toEqual([]);
    expect(activeNotices(notices, 160).map((n) => n.id)).toEqual(['urgent', 'new', 'old']);
    expect(activeNotices(notices, 200)).toEqual([]);
  });

  it('withdrawn anywhere stays withdrawn, the earliest withdrawal kept', () => {
    const master = notice('a', { updatedAt: 5 });
    expect(mergeWithdrawal(notice('a', { withdrawnAt: 150, updatedAt: 7 }), master)).toMatchObject({
      withdrawnAt: 150,
      updatedAt: 7,
    });
    const withdrawn = notice('a', { withdrawnAt: 120 });
    expect(mergeWithdrawal(notice('a', { withdrawnAt: 150 }), withdrawn)).toBe(withdrawn);
    expect(mergeWithdrawal(notice('a'), withdrawn)).toBe(withdrawn);
  });

  it('shows the public nothing of who posted it', () => {
    expect(Object.keys(toPublicNotice(notice('a', { by: 'anna' }))).sort()).toEqual([
      'from',
      'id',
      'text',
      'until',
      'urgency',
    ]);
  });
});
