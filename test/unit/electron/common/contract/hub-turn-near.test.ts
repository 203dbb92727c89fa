/** What a kiosk's visitor may type for "your turn is near", and what the hub keeps of it. */
import { describe, expect, it } from 'vitest';
import {
  emailAddress,
  polishMobile,
  TurnNearRequestSchema,
} from '../../../../../electron/common/contract/hub-turn-near';

describe('a Polish mobile number', () => {
  it.each([
    ['600 100 200', '+48600100200'],
    ['+48 600-100-200', '+48600100200'],
    ['0048 (501) 222 333', '+48501222333'],
    ['48733444555', '+48733444555'],
    ['888000111', '+48888000111'],
  ])('%s → %s', (typed, kept) => expect(polishMobile(typed)).toBe(kept));

  it.each(['22 123 45 67', '60010020', '6001002000', '+49 600 100 200', '600 100 20a', ''])('refuses %s', (typed) =>
    expect(polishMobile(typed)).toBeNull(),
  );
});

describe('an e-mail address', () => {
  it('is trimmed; one without a domain is refused', () => {
    expect(emailAddress('  anna@example.pl ')).toBe('anna@example.pl');
    expect(emailAddress('anna@')).toBeNull();
    expect(emailAddress('anna example.pl')).toBeNull();
  });
});

describe("the kiosk's request", () => {
  const request = {
    ticket: '0b7c2f6e-9a4d-4c1e-8f3a-2d5b6c7e8f90',
    channel: 'sms',
    recipient: '600 100 200',
    language: 'pl',
    consent: true,
  };
  it('needs the consent and a recipient that fits the channel', () => {
    expect(TurnNearRequestSchema.safeParse(request).success).toBe(true);
    expect(TurnNearRequestSchema.safeParse({ ...request, consent: false }).success).toBe(false);
    expect(TurnNearRequestSchema.safeParse({ ...request, channel: 'email' }).success).toBe(false);
    expect(TurnNearRequestSchema.safeParse({ ...request, ticket: 'A012' }).success).toBe(false);
  });
});
