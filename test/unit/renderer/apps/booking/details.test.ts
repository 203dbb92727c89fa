/** The resident's details, checked with the contract's rules, each problem for its field. */
import { describe, expect, it } from 'vitest';
import { checkDetails } from '../../../../../renderer/apps/booking/details';

const details = (name: string, phone = '', email = '') => ({ name, phone, email });

describe("the resident's details", () => {
  it('needs only a name; an empty phone or e-mail is none', () => {
    expect(checkDetails(details('  Jan Kowalski '))).toEqual({ ok: true, contact: { name: 'Jan Kowalski' } });
  });

  it('takes a phone and an e-mail as the hub does', () => {
    expect(checkDetails(details('Jan Kowalski', ' +48 600 123 456 ', 'jan@example.pl'))).toEqual({
      ok: true,
      contact: { name: 'Jan Kowalski', phone: '+48 600 123 456', email: 'jan@example.pl' },
    });
  });

  it('names each field that is wrong, in the order of the form', () => {
    const checked = checkDetails(details(' J ', '12ab', 'jan@'));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect([...checked.errors]).toEqual([
      ['name', 'booking.error.name'],
      ['phone', 'booking.error.phone'],
      ['email', 'booking.error.email'],
    ]);
    const onlyEmail = checkDetails(details('Jan', '', 'nie-mail'));
    expect(onlyEmail.ok ? [] : [...onlyEmail.errors.keys()]).toEqual(['email']);
  });
});
