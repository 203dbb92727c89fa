import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../renderer/i18n/i18n';
import { pl } from '../../../../renderer/i18n/messages/pl';

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (
      element.type === TYPE.argument ||
      element.type === TYPE.number ||
      element.type === TYPE.date ||
      element.type === TYPE.time
    )
      into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

describe('translations', () => {
  for (const [language, messages] of Object.entries(MESSAGES)) {
    it(`${language}: every key translated, valid ICU, same arguments as Polish`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(pl).sort());
      for (const [id, text] of Object.entries(messages)) {
        expect(text.trim(), id).not.toBe('');
        const source = [...argumentsOf(parse(pl[id as keyof typeof pl]))].sort();
        expect([...argumentsOf(parse(text))].sort(), `${language} ${id}`).toEqual(source);
      }
    });
  }

  it('Polish plurals use one/few/many', () => {
    const format = (count: number) => new IntlMessageFormat(pl['kiosk.ticket.ahead'], 'pl').format({ count });
    expect([0, 1, 2, 4, 5, 12, 22, 25].map(format)).toEqual([
      'Przed Tobą: nikt — zaraz Cię wywołamy',
      'Przed Tobą: 1 osoba',
      'Przed Tobą: 2 osoby',
      'Przed Tobą: 4 osoby',
      'Przed Tobą: 5 osób',
      'Przed Tobą: 12 osób',
      'Przed Tobą: 22 osoby',
      'Przed Tobą: 25 osób',
    ]);
  });

  it('Ukrainian plurals use one/few/many', () => {
    const format = (count: number) => new IntlMessageFormat(MESSAGES.uk['ticket.print.ahead'], 'uk').format({ count });
    expect([1, 3, 5, 21].map(format)).toEqual([
      'Перед Вами: 1 людина',
      'Перед Вами: 3 людини',
      'Перед Вами: 5 людей',
      'Перед Вами: 21 людина',
    ]);
  });
});
