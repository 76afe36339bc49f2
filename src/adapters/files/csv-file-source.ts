/**
 * Streams a CSV file for the importer with csv-parse: UTF-8 (a BOM is dropped), comma or semicolon
 * separated (Excel in Russian locales writes ";"), quoted fields may hold line breaks.
 * Row numbers are spreadsheet rows: the header is row 1.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { parse } from 'csv-parse';
import type { CsvSource } from '../../services/import/import-list.js';

const SNIFF_BYTES = 64 * 1024;

async function sniff(filePath: string): Promise<{ delimiter: string }> {
  const handle = await fs.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if (bytesRead === 0) throw new Error('the file is empty');
    // Reject non-UTF-8 (e.g. Windows-1251 from an old Excel) instead of importing mojibake names.
    const decoded = new TextDecoder('utf-8', { fatal: false }).decode(head);
    const cut = decoded.lastIndexOf('\n') > 0 ? decoded.slice(0, decoded.lastIndexOf('\n')) : decoded;
    if (cut.includes('\uFFFD')) throw new Error('the file is not UTF-8 text; save it as "CSV UTF-8"');
    const firstLine = cut.split(/\r?\n/, 1)[0] ?? '';
    const semicolons = (firstLine.match(/;/g) ?? []).length;
    const commas = (firstLine.match(/,/g) ?? []).length;
    return { delimiter: semicolons > commas ? ';' : ',' };
  } finally {
    await handle.close();
  }
}

export function openCsvFile(filePath: string): CsvSource {
  let delimiter = ',';
  let headerRow: string[] | null = null;
  return {
    async headers() {
      ({ delimiter } = await sniff(filePath));
      const parser = createReadStream(filePath).pipe(
        parse({ bom: true, delimiter, to_line: 1, relax_quotes: true }),
      );
      for await (const record of parser) {
        headerRow = (record as string[]).map((h) => h.trim());
        break;
      }
      if (!headerRow) throw new Error('the file has no header row');
      return headerRow;
    },
    async estimateRows() {
      let lines = 0;
      let last = 10;
      for await (const chunk of createReadStream(filePath) as AsyncIterable<Buffer>) {
        for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) lines += 1;
        last = chunk[chunk.length - 1] ?? last;
      }
      if (last !== 10) lines += 1; // no newline after the last row
      return Math.max(0, lines - 1);
    },
    async *records() {
      const headers = headerRow ?? [];
      // A record csv-parse cannot read (a stray quote…) is reported and skipped; the rows after it still come in.
      const skipped: { rowNumber: number; error: string }[] = [];
      const parser = createReadStream(filePath).pipe(
        parse({
          bom: true,
          delimiter,
          from_line: 2,
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: true,
          info: true,
          skip_records_with_error: true,
          on_skip: (err) => {
            const e = err as { message: string; lines?: number };
            skipped.push({ rowNumber: (e.lines ?? 0) + 1, error: `CSV syntax: ${e.message}` });
          },
        }),
      );
      for await (const item of parser as AsyncIterable<{
        record: string[];
        info: { records: number; lines: number };
      }>) {
        while (skipped.length) yield skipped.shift()!;
        const rowNumber = item.info.records + 1;
        if (
          item.record.length > headers.length &&
          item.record.slice(headers.length).some((v) => v.trim() !== '')
        ) {
          yield { rowNumber, error: `has ${item.record.length} fields, the header has ${headers.length}` };
          continue;
        }
        const values: Record<string, string> = {};
        headers.forEach((h, i) => {
          values[h] = item.record[i] ?? '';
        });
        yield { rowNumber, values };
      }
      while (skipped.length) yield skipped.shift()!;
    },
  };
}
