/**
 * The resume slip: the code of a saved assisted session on the counter's ticket printer (in the
 * ticket's layout, the code where the number goes, and as a QR code), for the visitor to bring
 * back. Without a printer the code stays on the screen for the visitor to write down.
 */
import type { StationApi } from '../../api/api';
import type { Translate } from '../../i18n/i18n';
import { SLIP_QR_PREFIX } from '../../db/assisted';

export async function printResumeSlip(
  api: StationApi,
  reference: string,
  t: Translate,
  days: number,
): Promise<boolean> {
  const result = await api.printer.printSlip({
    ticketId: `slip-${reference}`,
    language: 'pl',
    office: t('assist.slip.title'),
    service: t('assist.slip.service'),
    number: reference,
    issued: new Date().toLocaleString('pl-PL'),
    lines: [t('assist.slip.line1'), t('assist.slip.line2', { days })],
    qr: `${SLIP_QR_PREFIX}${reference}`,
  });
  return result.ok;
}
