/**
 * The devices end to end, as a clerk meets them: the simulated ID reader and signature pad live in
 * another process at the far end of socat pseudo-terminals, the browser host opens them as it
 * would real ones, and Debian's Chromium is driven by accessible role and name. A swipe at the
 * counter fills the visitor's details (only those the matter needs); a signature on the pad shows
 * up on the acknowledgement; the device screen shows every device's live status and tests them.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EServiceDefinition } from '../../electron/common/eservices/definition';
import { SHIPPED_DEFINITIONS } from '../../electron/station/eservices/folders';
import { loadDefinitions } from '../../electron/station/eservices/load';
import { answerUntil } from '../support/assist-driver';
import { startE2eStation, type E2eStation } from '../support/e2e-station';
import { TEST_PASSWORD } from '../support/accounts';
import { axeViolations, openCounter, openPage, screenshotIfFailed, signIn, takeTicketAt } from '../support/pages';

let station: E2eStation;
let context: BrowserContext | undefined;

let definitions: EServiceDefinition[];

beforeAll(async () => {
  definitions = [...(await loadDefinitions([SHIPPED_DEFINITIONS])).definitions];
  station = await startE2eStation('e2e-devices', (sim) => [
    '--id-reader',
    String(sim.ready.idReader),
    '--signature-pad',
    String(sim.ready.signaturePad),
  ]);
});

afterAll(async () => {
  await station?.stop();
});

afterEach(async (test) => {
  if (await screenshotIfFailed(test, context, station.shots)) {
    console.error(
      `host output:\n${station.host.output()}\nlast simulator events:\n${station.sim.events
        .slice(-15)
        .map((event) => JSON.stringify(event))
        .join('\n')}`,
    );
  }
  await context?.close();
  context = undefined;
});

async function open(route: string): Promise<Page> {
  context ??= await station.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  return openPage(context, `${station.host.url}#/${route}`, route);
}

/** A ticket from the kiosk (vehicle registration unless named); its number. */
async function takeTicket(service = 'Rejestracja pojazdów'): Promise<string> {
  const kiosk = await open('kiosk');
  const number = await takeTicketAt(kiosk, service);
  await kiosk.close();
  return number;
}

/** Calls the next visitor at this counter and starts serving them. */
async function callAndServe(counter: Page, number: string): Promise<void> {
  await counter.getByRole('button', { name: /^Wywołaj następnego/ }).click();
  await counter
    .getByRole('status')
    .filter({ hasText: `Wywołano ${number}.` })
    .waitFor();
  await counter.getByRole('button', { name: /^Rozpocznij obsługę/ }).click();
  await counter.getByText('w obsłudze').waitFor();
}

/** A ticket from the kiosk (vehicle registration unless named), called and being served at `counterNumber`. */
async function servingAtCounter(service?: string, counterNumber = 1): Promise<{ counter: Page; number: string }> {
  const number = await takeTicket(service);
  const counter = await open(`counter/${counterNumber}`);
  await openCounter(counter);
  await callAndServe(counter, number);
  return { counter, number };
}

/** The visitor's details as the counter shows them: term → value. */
async function visitorFields(counter: Page): Promise<Record<string, string>> {
  const panel = counter.getByRole('region', { name: 'Dane klienta' });
  const terms = await panel.getByRole('term').allTextContents();
  const values = await panel.getByRole('definition').allTextContents();
  return Object.fromEntries(terms.map((term, index) => [term, values[index] ?? '']));
}

describe('devices at the counter, end to end', () => {
  it('a swiped ID card fills only the fields the matter needs; the visitor signs on the pad and the acknowledgement shows it', async () => {
    const { counter, number } = await servingAtCounter();
    const visitor = counter.getByRole('region', { name: 'Dane klienta' });
    await visitor.getByText(/Poproś o przeciągnięcie dowodu/).waitFor();

    await station.sim.command('idReader swipe pl-id 3m', (event) => event.event === 'swiped');
    await visitor.getByText('Odczytano z dokumentu.').waitFor();
    // Vehicle registration asks for names, PESEL and document number — not the birth date.
    expect(await visitorFields(counter)).toEqual({
      Imiona: 'ZOFIA JADWIGA',
      Nazwisko: 'NOWAKOWSKA',
      PESEL: '85021712323',
      'Numer dokumentu': 'ZRK020457',
    });

    // The acknowledgement names the visitor and the ticket, and is signed on the pad.
    const acknowledgement = counter.getByRole('region', { name: 'Potwierdzenie z podpisem' });
    await acknowledgement.getByText('Klient jeszcze nie podpisał.').waitFor();
    await acknowledgement.getByRole('button', { name: 'Poproś o podpis' }).click();
    const dialog = counter.getByRole('dialog', { name: 'Podpis klienta pod potwierdzeniem' });
    await expect.poll(() => dialog.textContent()).toContain(`Bilet: ${number}`);
    expect(await dialog.textContent()).toContain('Klient: ZOFIA JADWIGA NOWAKOWSKA');
    expect(await axeViolations(counter), 'signature dialog').toEqual([]);

    await dialog.getByRole('button', { name: 'Podpis na tablecie' }).click();
    await dialog.getByText(/Poproś klienta o podpis na tablecie/).waitFor();
    const signing = station.sim.mark();
    station.sim.send('signaturePad sign');
    const signed = await station.sim.waitFor((event) => event.event === 'signed', signing, 20_000);
    expect(signed.strokes).toBeGreaterThan(0);

    const image = acknowledgement.getByRole('img', { name: 'Podpis klienta' });
    await image.waitFor({ timeout: 15_000 });
    expect(await dialog.count()).toBe(0);
    await acknowledgement.getByText(/Podpisano na tablecie o \d\d:\d\d\. Skrót dokumentu: [0-9a-f]{12}…/).waitFor();
    // The drawing is an SVG data URL whose strokes are really there, not an empty frame.
    const source = decodeURIComponent((await image.getAttribute('src')) ?? '');
    expect(source).toMatch(/^data:image\/svg\+xml/);
    expect((source.match(/<path/g) ?? []).length).toBe(signed.strokes);
    await counter.screenshot({ path: path.join(station.shots, 'counter-signed.png') });

    expect(await axeViolations(counter), 'counter with the visitor and a signature').toEqual([]);

    // Finishing the visit forgets the visitor's details.
    await counter.getByRole('button', { name: /^Zakończ/ }).click();
    await counter.getByText('Nikogo teraz nie obsługujesz.').waitFor();
    expect(await counter.getByText('NOWAKOWSKA').count()).toBe(0);
  });

  it('a lock hides the visitor and keeps the visit; another clerk cannot take over; the same clerk unlocks and goes on', async () => {
    const { counter, number } = await servingAtCounter();
    const visitor = counter.getByRole('region', { name: 'Dane klienta' });
    await station.sim.command('idReader swipe pl-id 3m', (event) => event.event === 'swiped');
    await visitor.getByText('NOWAKOWSKA').waitFor();

    // The clerk steps away and locks with Alt+L: nothing of the visit is shown or read out.
    await counter.keyboard.press('Alt+KeyL');
    await counter.getByRole('heading', { name: 'Ekran zablokowany' }).waitFor();
    expect(await counter.getByRole('region', { name: 'Dane klienta' }).count()).toBe(0);
    expect(await counter.getByText('NOWAKOWSKA').isVisible()).toBe(false);
    await counter.screenshot({ path: path.join(station.shots, 'counter-locked.png') });
    // A document swiped now reaches no screen, and Alt+D finishes nothing.
    await station.sim.command('idReader swipe pl-id-2 3m', (event) => event.event === 'swiped');
    await counter.keyboard.press('Alt+KeyD');

    // Another clerk: not while a visitor is being served.
    await counter.getByRole('button', { name: 'Zaloguj innego urzędnika' }).click();
    await counter
      .getByRole('status')
      .filter({ hasText: 'Trwa obsługa interesanta. Anna Nowak musi ją najpierw zawiesić lub przekazać.' })
      .waitFor();
    expect(await counter.getByLabel('Login').count()).toBe(0);

    // A wrong password is refused; the right one brings the visit back as it was.
    await counter.getByLabel('Hasło').fill('not the password');
    await counter.getByRole('button', { name: 'Odblokuj' }).click();
    await counter.getByRole('alert').filter({ hasText: 'Nieprawidłowy login lub hasło.' }).waitFor();
    await counter.getByLabel('Hasło').fill(TEST_PASSWORD);
    await counter.getByRole('button', { name: 'Odblokuj' }).click();
    await visitor.getByText('NOWAKOWSKA').waitFor();
    expect(await counter.getByText(`${number}`).first().isVisible()).toBe(true);
    await counter.getByText('w obsłudze').waitFor();
    await counter.getByRole('button', { name: /^Zakończ/ }).click();
    await counter.getByText('Nikogo teraz nie obsługujesz.').waitFor();
  });

  it('the screens lock by themselves after the idle time', async () => {
    context ??= await station.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const counter = await context.newPage();
    await counter.clock.install();
    await counter.goto(`${station.host.url}#/counter/1`);
    await signIn(counter);
    await counter.clock.fastForward('04:50');
    expect(await counter.getByRole('heading', { name: 'Ekran zablokowany' }).count()).toBe(0);
    await counter.clock.fastForward('00:20');
    await counter.getByRole('heading', { name: 'Ekran zablokowany' }).waitFor();
    expect(await axeViolations(counter), 'lock screen').toEqual([]);
    await counter.getByLabel('Hasło').fill(TEST_PASSWORD);
    await counter.getByRole('button', { name: 'Odblokuj' }).click();
    await counter.getByRole('region', { name: /^Zalogowano:/ }).waitFor();
  });

  it('a torn swipe says which part failed and asks again; typed details are checked like a card', async () => {
    const { counter } = await servingAtCounter();
    const visitor = counter.getByRole('region', { name: 'Dane klienta' });

    await station.sim.command('idReader swipe torn desko', (event) => event.event === 'swiped');
    const alert = visitor.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(/Nie udało się odczytać całego dokumentu \((druga|trzecia) linia\)\. Poproś o ponowne przeciągnięcie/);

    await station.sim.command('idReader swipe bad-check plain', (event) => event.event === 'swiped');
    await expect.poll(() => alert.textContent()).toMatch(/Odczyt dokumentu jest błędny \(.+\)/);
    expect(await visitor.getByRole('term').count()).toBe(0);

    // Typed by keyboard alone: a PESEL with a wrong check digit is refused, with the reason.
    await visitor.getByRole('button', { name: 'Wpisz dane ręcznie' }).focus();
    await counter.keyboard.press('Enter');
    await visitor.getByLabel('Imiona').fill('Jan');
    await visitor.getByLabel('Nazwisko').fill('Kowalski');
    await visitor.getByLabel('PESEL').fill('85021712324');
    await visitor.getByLabel('Numer dokumentu').fill('ZRK020457');
    await visitor.getByRole('button', { name: 'Zatwierdź dane' }).click();
    await visitor.getByText('PESEL: cyfra kontrolna się nie zgadza — sprawdź, czy nie ma literówki.').waitFor();
    expect(await visitor.getByLabel('PESEL').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(counter), 'typing with an error').toEqual([]);

    await visitor.getByLabel('PESEL').fill('85021712323');
    await visitor.getByLabel('PESEL').press('Enter');
    await visitor.getByText('Wpisano ręcznie i sprawdzono.').waitFor();
    // The failed swipe's message goes once the details are in.
    expect(await visitor.getByRole('alert').count()).toBe(0);
    expect(await visitorFields(counter)).toEqual({
      Imiona: 'Jan',
      Nazwisko: 'Kowalski',
      PESEL: '85021712323',
      'Numer dokumentu': 'ZRK020457',
    });

    // A visitor who cannot sign: the clerk's note is required, then recorded.
    const acknowledgement = counter.getByRole('region', { name: 'Potwierdzenie z podpisem' });
    await acknowledgement.getByRole('button', { name: 'Poproś o podpis' }).click();
    const dialog = counter.getByRole('dialog', { name: 'Podpis klienta pod potwierdzeniem' });
    await dialog.getByRole('button', { name: 'Nie mogę się podpisać' }).click();
    await dialog.getByRole('button', { name: 'Zapisz adnotację' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Wpisz adnotację' }).waitFor();
    await dialog.getByLabel(/Adnotacja urzędnika/).fill('Niedowład prawej ręki; podpisuje pełnomocnik.');
    await dialog.getByRole('button', { name: 'Zapisz adnotację' }).click();
    await acknowledgement
      .getByText('Klient nie może się podpisać. Adnotacja: Niedowład prawej ręki; podpisuje pełnomocnik.')
      .waitFor();

    // The next visitor at this counter starts with nothing of this one's: not the last swipe's
    // message, not a half-typed form.
    await station.sim.command('idReader swipe torn 3m', (event) => event.event === 'swiped');
    await visitor.getByRole('alert').filter({ hasText: 'Nie udało się odczytać' }).waitFor();
    await counter.getByRole('button', { name: /^Zakończ obsługę/ }).click();
    await counter.getByText('Nikogo teraz nie obsługujesz.').waitFor();
    await callAndServe(counter, await takeTicket());
    await visitor.getByText(/Poproś o przeciągnięcie dowodu/).waitFor();
    await acknowledgement.getByText('Klient jeszcze nie podpisał.').waitFor();
    expect(await visitor.getByRole('alert').count()).toBe(0);
    await visitor.getByRole('button', { name: 'Wpisz dane ręcznie' }).click();
    for (const field of ['Imiona', 'Nazwisko', 'PESEL', 'Numer dokumentu'])
      expect(await visitor.getByLabel(field).inputValue(), field).toBe('');
    expect(await counter.getByText(/Kowalski|Niedowład/).count()).toBe(0);
  });

  it('signed on the screen instead of the pad: drawn with the pointer, shown on the acknowledgement', async () => {
    const { counter } = await servingAtCounter();
    const acknowledgement = counter.getByRole('region', { name: 'Potwierdzenie z podpisem' });
    await acknowledgement.getByRole('button', { name: 'Poproś o podpis' }).click();
    const dialog = counter.getByRole('dialog', { name: 'Podpis klienta pod potwierdzeniem' });
    await dialog.getByRole('button', { name: 'Podpis na ekranie' }).click();
    const confirm = dialog.getByRole('button', { name: 'Zatwierdź podpis' });
    expect(await confirm.isDisabled()).toBe(true);

    // The drawing surface has no role of its own: it sits in the group labelled "Podpis".
    const box = (await dialog.getByRole('group', { name: 'Podpis' }).locator('canvas').boundingBox())!;
    const strokes = [
      [
        [0.1, 0.7],
        [0.2, 0.3],
        [0.3, 0.7],
        [0.4, 0.35],
      ],
      [
        [0.5, 0.6],
        [0.65, 0.4],
        [0.8, 0.65],
        [0.9, 0.5],
      ],
    ];
    for (const stroke of strokes) {
      await counter.mouse.move(box.x + stroke[0]![0]! * box.width, box.y + stroke[0]![1]! * box.height);
      await counter.mouse.down();
      for (const [x, y] of stroke.slice(1))
        await counter.mouse.move(box.x + x! * box.width, box.y + y! * box.height, { steps: 8 });
      await counter.mouse.up();
    }
    await expect.poll(() => confirm.isDisabled()).toBe(false);
    await confirm.click();

    const image = acknowledgement.getByRole('img', { name: 'Podpis klienta' });
    await image.waitFor();
    await acknowledgement.getByText(/Podpisano na ekranie o \d\d:\d\d\. Skrót dokumentu: [0-9a-f]{12}…/).waitFor();
    const source = decodeURIComponent((await image.getAttribute('src')) ?? '');
    expect((source.match(/<path/g) ?? []).length).toBe(strokes.length);
  });

  it('the device screen shows every device connected, tests the reader and the pad, and passes WCAG checks', async () => {
    const page = await open('settings/devices');
    await signIn(page);
    await page.getByRole('heading', { name: 'Urządzenia tej stacji' }).waitFor();
    for (const role of ['Drukarka biletów', 'Czytnik dowodów (MRZ)', 'Tablet do podpisu']) {
      const card = page.getByRole('region', { name: role });
      await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('połączono');
    }

    const reader = page.getByRole('region', { name: 'Czytnik dowodów (MRZ)' });
    await reader.getByRole('button', { name: 'Test: przeciągnij dokument' }).click();
    await reader.getByText(/Przeciągnij dokument przez czytnik/).waitFor();
    await station.sim.command('idReader swipe passport access-is', (event) => event.event === 'swiped');
    await reader.getByText('Test udany: odczytano dokument (paszport). Dane nie zostały zapisane.').waitFor();

    const pad = page.getByRole('region', { name: 'Tablet do podpisu' });
    await pad.getByRole('button', { name: 'Test: złóż podpis' }).click();
    await pad.getByText(/Złóż podpis na tablecie/).waitFor();
    const signing = station.sim.mark();
    station.sim.send('signaturePad sign');
    const signed = await station.sim.waitFor((event) => event.event === 'signed', signing, 20_000);
    await pad.getByText(new RegExp(`Test udany: podpis z ${String(signed.strokes)} kresk`)).waitFor();
    await pad.getByRole('img', { name: 'Podpis testowy' }).waitFor();
    await page.screenshot({ path: path.join(station.shots, 'devices.png'), fullPage: true });

    // Unplugged: the screen says so at once, and "connected" again once it is back.
    await station.sim.command('idReader unplug', (event) => event.event === 'unplugged' && event.device === 'idReader');
    await expect.poll(() => reader.textContent(), { timeout: 10_000 }).toContain('utracono połączenie');
    await station.sim.command('idReader replug', (event) => event.event === 'replugged' && event.device === 'idReader');
    await expect.poll(() => reader.textContent(), { timeout: 15_000 }).toContain('połączono');

    expect(await axeViolations(page), '#/settings/devices').toEqual([]);
  });

  it("in an assisted session, a proxy's card fills the proxy, is refused for the visitor, and the visitor's card fills the visitor", async () => {
    const definition = shipped('zameldowanie');
    const { counter } = await servingAtCounter('Meldunki', 4);
    await counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }).click();
    await counter.getByRole('radio', { name: 'Pełnomocnik klienta' }).check();
    await counter.getByText(/Dokument pełnomocnika można przeciągnąć przez czytnik/).waitFor();
    await station.sim.command('idReader swipe pl-id-2 3m', (event) => event.event === 'swiped');
    const proxyName = counter.getByLabel('Imię i nazwisko pełnomocnika');
    await expect.poll(() => proxyName.inputValue()).toMatch(/JEDRZEJ.*WOJCIK/);
    expect(await counter.getByLabel('Numer dokumentu tożsamości pełnomocnika').inputValue()).toBe('DEW581306');
    await counter.getByLabel('Pełnomocnictwo (data i zakres)').fill('Notarialne z 20.11.2026, sprawy meldunkowe');
    await counter.getByRole('checkbox', { name: 'Klient się zgadza' }).check();
    await counter.getByRole('button', { name: 'Dalej', exact: true }).click();

    await counter.getByText(/dokument klienta \(nie pełnomocnika\)/).waitFor();
    // The proxy hands over their own card again by mistake: refused, nothing of it filled in.
    await station.sim.command('idReader swipe pl-id-2 3m', (event) => event.event === 'swiped');
    await counter.getByRole('alert').filter({ hasText: 'To dokument pełnomocnika' }).waitFor();
    expect(await counter.getByLabel('Nazwisko', { exact: true }).inputValue()).toBe('');
    // The visitor's card (the proxy brought it): their details, only those the e-service needs.
    await station.sim.command('idReader swipe pl-id 3m', (event) => event.event === 'swiped');
    await counter.getByText('Dane odczytane z dokumentu. Sprawdź je z klientem.').waitFor();
    expect(await counter.getByLabel('Nazwisko', { exact: true }).inputValue()).toBe('NOWAKOWSKA');
    expect(await counter.getByLabel('PESEL', { exact: true }).inputValue()).toBe('85021712323');
    expect(await counter.getByLabel('Numer dokumentu', { exact: true }).count()).toBe(0);
    await counter.getByRole('button', { name: 'Dalej', exact: true }).click();
    await counter.getByRole('heading', { level: 2, name: definition.steps[0]!.title.pl }).waitFor();
    expect(await axeViolations(counter), 'the first question after the card').toEqual([]);
    await counter.getByRole('button', { name: 'Przerwij', exact: true }).click();
    await counter.getByRole('button', { name: 'Przerwij sesję' }).click();
  });

  it('in an assisted session, the visitor signs the summary on the pad and the confirmation shows its hash', async () => {
    const definition = shipped('dowod-osobisty');
    const { counter } = await servingAtCounter('Dowody osobiste', 4);
    await counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }).click();
    await answerUntil(counter, definition, 'Potwierdzenie i podpis', new Date().toISOString().slice(0, 10));
    expect(await counter.getByRole('radio', { name: 'Podpisem na tablecie' }).isChecked()).toBe(true);
    // Asked to sign, the pad gets the summary's hash, and the page names it.
    await counter.getByRole('button', { name: 'Poproś o podpis na tablecie' }).click();
    await counter.getByText(/Poproś klienta o podpis na tablecie/).waitFor();
    const explained = counter.getByText(/Klient podpisuje na tablecie podsumowanie o skrócie [0-9a-f]{64}\./);
    const digest = /([0-9a-f]{64})/.exec((await explained.textContent()) ?? '')![1]!;
    const signing = station.sim.mark();
    station.sim.send('signaturePad sign');
    await station.sim.waitFor((event) => event.event === 'signed', signing, 20_000);
    await counter.getByRole('img', { name: 'Podpis klienta' }).waitFor({ timeout: 15_000 });
    await counter.getByRole('button', { name: 'Złóż wniosek' }).click();
    await counter.locator('.assist-panel-done .assist-reference').waitFor();
    expect(await counter.locator('.assist-digest code').textContent()).toBe(digest);
    await counter.getByRole('button', { name: 'Zakończ pomoc' }).click();
  });
});

/** A shipped e-service definition, read as the station reads it. */
function shipped(id: string): EServiceDefinition {
  const definition = definitions.find((candidate) => candidate.id === id);
  if (!definition) throw new Error(`no shipped e-service ${id}`);
  return definition;
}
