import type { CaseClass } from '../domain/catalogue.ts';
import { localMajor, localName, type NameLang } from '../domain/localName.ts';

/**
 * Open311 GeoReport v2 services from the case-class catalogue: a minor class (小类) is a service,
 * its code the `service_code`, its major class (大类) the `group`. No class asks for extra fields,
 * so every service has `metadata: false` and an empty attribute list; a class that one day needs
 * them adds them here, in one place.
 */

/** The languages the Open311 API answers in (`locale` parameter): the district's first. */
export type Open311Locale = NameLang;

export const open311Locale = (asked: unknown): Open311Locale => (asked === 'en' || asked === 'en-US' || asked === 'en-GB' ? 'en' : 'zh-CN');

/** One entry of `GET services`. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** One entry of `GET services/{code}`: the definition, with the (here empty) attribute list. */
export interface Open311ServiceDefinition {
  service_code: string;
  attributes: never[];
}

export function open311Service(cls: CaseClass, locale: Open311Locale): Open311Service {
  const en = locale === 'en';
  const name = localName(cls, locale);
  const group = localMajor(cls, locale);
  const kind = cls.kind === 'component' ? (en ? 'component' : '部件') : en ? 'event' : '事件';
  return {
    service_code: cls.code,
    service_name: name,
    description: `${group} · ${name} (${kind})`,
    metadata: false,
    // Every request becomes a case in the live workflow at once: "realtime" in the spec's words.
    type: 'realtime',
    // Both languages, so a search in either finds the class whatever the answer's language.
    keywords: [...new Set([cls.name, cls.nameEn, cls.major, cls.majorEn].filter((k): k is string => !!k))].join(','),
    group,
  };
}

export const open311ServiceDefinition = (cls: CaseClass): Open311ServiceDefinition => ({ service_code: cls.code, attributes: [] });
