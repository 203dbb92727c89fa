/**
 * The supervisor's live counters: who works where, who is on a break, open and close a counter,
 * move it to other services. Merged into the dictionaries in pl.ts / en.ts / uk.ts.
 */
export const countersLivePl = {
  'app.tableOf': 'Tabela: {name}',
  'supervisor.live.services': 'Sprawy',
  'supervisor.live.actions': 'Zmiany',
  'supervisor.live.onBreak':
    '{count, plural, =0 {Nikt nie ma przerwy.} one {Na przerwie: # stanowisko.} few {Na przerwie: # stanowiska.} many {Na przerwie: # stanowisk.} other {Na przerwie: # stanowiska.}}',
  'supervisor.live.open': 'Otwórz stanowisko {number}',
  'supervisor.live.close': 'Zamknij stanowisko {number}',
  'supervisor.live.closeBusy': 'Stanowisko {number} obsługuje teraz klienta: zamknij je, gdy skończy.',
  'supervisor.live.move': 'Zmień sprawy stanowiska {number}',
  'supervisor.live.moveTitle': 'Sprawy stanowiska {number}',
  'supervisor.live.moveHint': 'Stanowisko wezwie następnego klienta z zaznaczonych spraw. Obsługiwany klient zostaje.',
  'supervisor.live.save': 'Zapisz sprawy',
  'supervisor.live.cancel': 'Anuluj',
  'supervisor.live.noneChosen': 'Zaznacz przynajmniej jedną sprawę.',
  'supervisor.live.saved': 'Stanowisko {number} obsługuje teraz: {services}.',
  'supervisor.live.opened': 'Stanowisko {number} jest otwarte.',
  'supervisor.live.closed': 'Stanowisko {number} jest zamknięte.',
  'supervisor.live.readOnly': 'Stanowiska otwiera, zamyka i przydziela do spraw kierownik lub administrator.',
} as const;

export const countersLiveEn: Record<keyof typeof countersLivePl, string> = {
  'app.tableOf': 'Table: {name}',
  'supervisor.live.services': 'Services',
  'supervisor.live.actions': 'Changes',
  'supervisor.live.onBreak':
    '{count, plural, =0 {Nobody is on a break.} one {On a break: # counter.} other {On a break: # counters.}}',
  'supervisor.live.open': 'Open counter {number}',
  'supervisor.live.close': 'Close counter {number}',
  'supervisor.live.closeBusy': 'Counter {number} is serving a visitor now: close it when they are done.',
  'supervisor.live.move': 'Change the services of counter {number}',
  'supervisor.live.moveTitle': 'Services of counter {number}',
  'supervisor.live.moveHint':
    'The counter calls its next visitor from the services ticked. The visitor being served stays.',
  'supervisor.live.save': 'Save services',
  'supervisor.live.cancel': 'Cancel',
  'supervisor.live.noneChosen': 'Tick at least one service.',
  'supervisor.live.saved': 'Counter {number} now serves: {services}.',
  'supervisor.live.opened': 'Counter {number} is open.',
  'supervisor.live.closed': 'Counter {number} is closed.',
  'supervisor.live.readOnly': 'A supervisor or an administrator opens and closes counters and assigns their services.',
};

export const countersLiveUk: Record<keyof typeof countersLivePl, string> = {
  'app.tableOf': 'Таблиця: {name}',
  'supervisor.live.services': 'Справи',
  'supervisor.live.actions': 'Зміни',
  'supervisor.live.onBreak':
    '{count, plural, =0 {Ніхто не на перерві.} one {На перерві: # віконце.} few {На перерві: # віконця.} many {На перерві: # віконець.} other {На перерві: # віконця.}}',
  'supervisor.live.open': 'Відкрити віконце {number}',
  'supervisor.live.close': 'Закрити віконце {number}',
  'supervisor.live.closeBusy': 'Віконце {number} зараз обслуговує відвідувача: закрийте його, коли закінчить.',
  'supervisor.live.move': 'Змінити справи віконця {number}',
  'supervisor.live.moveTitle': 'Справи віконця {number}',
  'supervisor.live.moveHint':
    'Віконце викличе наступного відвідувача з позначених справ. Відвідувач, якого обслуговують, залишається.',
  'supervisor.live.save': 'Зберегти справи',
  'supervisor.live.cancel': 'Скасувати',
  'supervisor.live.noneChosen': 'Позначте принаймні одну справу.',
  'supervisor.live.saved': 'Віконце {number} тепер обслуговує: {services}.',
  'supervisor.live.opened': 'Віконце {number} відкрите.',
  'supervisor.live.closed': 'Віконце {number} закрите.',
  'supervisor.live.readOnly': 'Віконця відкриває, закриває і призначає до справ керівник або адміністратор.',
};
