import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';

/**
 * Open311 answers in XML (required by the spec) or JSON, chosen by the path's extension. JSON is
 * the list as it is; XML wraps it in the spec's element names (`services`/`service`,
 * `service_requests`/`request`, `errors`/`error`, …).
 */
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/** How one resource's list is named in XML: the root element and the element of each item. */
export interface XmlShape {
  root: string;
  item: string;
}

export const SERVICES: XmlShape = { root: 'services', item: 'service' };
export const REQUESTS: XmlShape = { root: 'service_requests', item: 'request' };
export const ERRORS: XmlShape = { root: 'errors', item: 'error' };

/** XML text for a value: elements for object keys, repeated elements for arrays, text for the rest. */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: xmlValue(value) }) as string}`;
}

/** Booleans and numbers as the spec writes them; null and undefined as empty elements. */
function xmlValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(xmlValue);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, xmlValue(x)]));
  return String(v);
}

/** Send a list in the asked format. */
export function sendList(res: Response, format: Open311Format, shape: XmlShape, items: readonly unknown[], status = 200): void {
  res.status(status);
  if (format === 'json') {
    res.json(items);
    return;
  }
  res.type('application/xml; charset=utf-8').send(toXml(shape.root, { [shape.item]: items }));
}

/** Send one document (discovery, a service definition) in the asked format. */
export function sendDocument(res: Response, format: Open311Format, root: string, doc: object): void {
  if (format === 'json') {
    res.json(doc);
    return;
  }
  res.type('application/xml; charset=utf-8').send(toXml(root, doc));
}

/** The spec's error answer: a list of `{code, description}` with the HTTP status as the code. */
export function sendErrors(res: Response, format: Open311Format, status: number, description: string): void {
  sendList(res, format, ERRORS, [{ code: status, description }], status);
}
