/** "Your turn is near" in the three languages: plurals, and a Polish SMS in one GSM part. */
import { describe, expect, it } from 'vitest';
import { renderTurnNear, toGsm } from '../../../../../electron/hub/notifications/turn-near-messages';

const officeName = { pl: 'Urząd Miasta Łódź', en: 'Łódź City Hall', uk: 'Міська рада Лодзі' };
const notice = (ahead: number) => ({ ticket: 't', number: 'C12', ahead, officeName });

describe('"your turn is near"', () => {
  it('counts people in Polish and Ukrainian plurals', () => {
    expect(renderTurnNear('email', 'pl', notice(1)).text).toContain('przed Tobą 1 osoba');
    expect(renderTurnNear('email', 'pl', notice(3)).text).toContain('przed Tobą 3 osoby');
    expect(renderTurnNear('email', 'pl', notice(5)).text).toContain('przed Tobą 5 osób');
    expect(renderTurnNear('email', 'pl', notice(0)).text).toContain('Bilet C12 jest następny w kolejce.');
    expect(renderTurnNear('email', 'uk', notice(2)).text).toContain('перед вами 2 особи');
    expect(renderTurnNear('email', 'uk', notice(11)).text).toContain('перед вами 11 осіб');
    expect(renderTurnNear('email', 'en', notice(1)).text).toContain('1 person ahead of you');
  });

  it('a Polish or English SMS is one GSM part; the e-mail keeps every letter', () => {
    const sms = renderTurnNear('sms', 'pl', notice(3)).text;
    expect(sms).toBe('Okienko: Twoja kolej sie zbliza. Bilet C12 - przed Toba 3 osoby. Urzad Miasta Lodz.');
    expect(sms.length).toBeLessThanOrEqual(160);
    expect(renderTurnNear('sms', 'en', notice(3)).text).toMatch(/^[\x20-\x7e]+$/);
    const mail = renderTurnNear('email', 'pl', notice(3));
    expect(mail.subject).toBe('Twoja kolej się zbliża — Urząd Miasta Łódź');
    expect(mail.text).toContain('Twój adres usuwamy po wizycie');
  });

  it('toGsm keeps what the GSM alphabet has', () => {
    expect(toGsm('Zażółć gęślą jaźń — „tak”')).toBe('Zazolc gesla jazn - "tak"');
  });
});
