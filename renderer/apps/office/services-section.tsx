/** The office's services: each folded to its line until opened, added and taken out here. */
import type { Language } from '../../../electron/common/domain/office';
import { useT } from '../../i18n/i18n';
import { appendAt, newService, removeService } from './draft';
import { Problems } from './fields';
import { focusPlace, useOfficeForm } from './form';
import { fieldId } from './problems';
import { ServiceEditor } from './service-editor';
import { useOpenItems } from './use-open-items';
import { useEServiceChoices } from './use-station-lists';

export function ServicesSection({ language }: { language: Language }) {
  const t = useT();
  const form = useOfficeForm();
  const open = useOpenItems();
  const eservices = useEServiceChoices(language);
  const { services } = form.draft;
  const add = () => {
    const index = services.length;
    form.change((draft) => appendAt(draft, ['services'], newService(draft)));
    open.toggled(index, true);
    requestAnimationFrame(() => focusPlace(fieldId(['services', index, 'name', 'pl'])));
  };
  const remove = (index: number) => {
    form.change((draft) => removeService(draft, index));
    open.removed(index);
    requestAnimationFrame(() => focusPlace('office-add-service'));
  };
  return (
    <section className="office-card" id={fieldId(['services'])} aria-labelledby="office-services-title">
      <h2 id="office-services-title">{t('office.services.title')}</h2>
      <p className="hint">{t('office.services.hint')}</p>
      <Problems path={['services']} />
      {services.length === 0 && <p>{t('office.services.none')}</p>}
      {services.map((_, index) => (
        <ServiceEditor
          key={index}
          index={index}
          eservices={eservices}
          open={open.isOpen(index)}
          onToggle={(now) => open.toggled(index, now)}
          onRemove={() => remove(index)}
        />
      ))}
      <button type="button" id="office-add-service" onClick={add}>
        {t('office.services.add')}
      </button>
    </section>
  );
}
