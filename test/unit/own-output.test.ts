import { describe, expect, it } from 'vitest';
import { csvHeaderIs, isOwnHtmlReport, isOwnNumbersCsv } from '../../src/core/own-output.js';
import { deliveryHtml } from '../../src/ui/delivery-report.js';
import { DeliveryAnalyzer } from '../../src/core/webhook/analysis.js';

describe('recognising wa-ops output', () => {
  it('HTML: this version\'s report and an earlier version\'s head, never another page', () => {
    const report = deliveryHtml(new DeliveryAnalyzer().report(), 'Delivery report: x');
    expect(isOwnHtmlReport(report)).toBe(true);
    expect(isOwnHtmlReport(report.replace(/<meta name="generator"[^>]*>\n/, ''))).toBe(true);
    expect(isOwnHtmlReport('<!doctype html><html><head><title>Q4 numbers</title>')).toBe(false);
    expect(isOwnHtmlReport('Q4 numbers - do not lose')).toBe(false);
  });

  it('CSV: the exact header line (BOM and CRLF allowed)', () => {
    const is = csvHeaderIs(['recipient', 'line', 'state']);
    expect(is('recipient,line,state\r\n+49,2,sent\r\n')).toBe(true);
    expect(is('\uFEFFrecipient,line,state\n')).toBe(true);
    expect(is('recipient,line,state,notes\n')).toBe(false);
    expect(is('name,amount\n')).toBe(false);
  });

  it('validate-numbers outputs: a header ending with the added columns, renamed or not, in any delimiter', () => {
    expect(isOwnNumbersCsv('phone,e164,status,reason,region,type,detail\r\n')).toBe(true);
    expect(isOwnNumbersCsv('phone;status;wa_e164;wa_status;reason;region;type;detail\n')).toBe(true);
    expect(isOwnNumbersCsv('phone\t"e164"\tstatus\treason\twa_region_2\ttype\tdetail\n')).toBe(true);
    expect(isOwnNumbersCsv('Name|Phone|e164|status|reason|region|type|detail\r\n')).toBe(true);
    expect(isOwnNumbersCsv('\uFEFFName;Phone;e164;status;reason;region;type;detail\r\n')).toBe(true);
    expect(isOwnNumbersCsv('phone,name,status\n')).toBe(false);
    expect(isOwnNumbersCsv('')).toBe(false);
  });
});
