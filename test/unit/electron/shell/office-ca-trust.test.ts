import { describe, expect, it } from 'vitest';
import { createOfficeCa, issueServerCert } from '../../../../electron/node/office-ca';
import { CHROMIUM_DECIDES, officeCaVerdict, TRUST } from '../../../../electron/shell/office-ca-trust';

describe("the windows' trust in the office CA", () => {
  it('trusts a hub certificate the office CA signed for the name asked, and leaves everything else to Chromium', async () => {
    const ca = await createOfficeCa('Urząd Miasta');
    const other = await createOfficeCa('Ktoś inny');
    const hub = await issueServerCert(ca, ['hub.urzad.local', '10.0.0.5']);
    const impostor = await issueServerCert(other, ['hub.urzad.local']);
    const check = (certificate: string, hostname: string) => ({ hostname, certificate: { data: certificate } });
    expect(officeCaVerdict(check(hub.cert, 'hub.urzad.local'), ca.cert)).toBe(TRUST);
    expect(officeCaVerdict(check(hub.cert, '10.0.0.5'), ca.cert)).toBe(TRUST);
    expect(officeCaVerdict(check(hub.cert, 'bank.example'), ca.cert)).toBe(CHROMIUM_DECIDES);
    expect(officeCaVerdict(check(impostor.cert, 'hub.urzad.local'), ca.cert)).toBe(CHROMIUM_DECIDES);
    expect(officeCaVerdict(check(ca.cert, 'hub.urzad.local'), ca.cert)).toBe(CHROMIUM_DECIDES);
    expect(officeCaVerdict(check('not a certificate', 'hub.urzad.local'), ca.cert)).toBe(CHROMIUM_DECIDES);
  });

  it('does not trust a certificate out of its dates', async () => {
    const ca = await createOfficeCa('Urząd Miasta');
    const old = await issueServerCert(ca, ['hub.urzad.local'], new Date('2020-01-01'));
    expect(officeCaVerdict({ hostname: 'hub.urzad.local', certificate: { data: old.cert } }, ca.cert)).toBe(
      CHROMIUM_DECIDES,
    );
  });
});
