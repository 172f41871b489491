import type { AduanClient } from '@aduan/sdk';
import { quote } from './message-format.js';

/**
 * Turns the Alamat part of a message into a Kemendagri village code, which is
 * what Aduan routes a complaint by. Two ways in:
 *
 * 1. A village code anywhere in the text: `32.73.01.1001` (or 3273011001).
 *    It wins over any names; Aduan itself refuses a code that is not a village.
 * 2. Names, from the smallest to the largest, separated by commas:
 *    "Jl. Sarijadi Raya 12, RT 02/RW 05, Kel. Sarijadi, Kec. Sukasari, Kota Bandung".
 *    Labels (Desa/Ds/Kel/Kelurahan, Kec/Kecamatan, Kota/Kab/Kabupaten,
 *    Prov/Provinsi) say what a name is; without them the names are tried in
 *    every role. The city or regency is required: village names repeat across
 *    Indonesia by the hundred (Sukamaju, Mekarsari, …), a city's do rarely.
 *    Without commas, the labels themselves split the text
 *    ("Kel Sarijadi Kec Sukasari Kota Bandung").
 *
 * Names are compared without case, spaces and punctuation ("Sadang Serang" =
 * "sadangserang"). A name that fits no region, or fits more than one, is not
 * guessed: the reply asks for the village code and, when several villages fit,
 * lists them with their codes.
 *
 * Regions come from Aduan's public `regions` query, one level at a time, and
 * are kept for a day (they change by regulation, not by the hour). The first
 * lookup walks the provinces to find the city (39 requests, a few at a time);
 * after that a lookup costs one request per kecamatan searched, or none.
 */

export type VillageLookup =
  | { kind: 'found'; code: string }
  /** Several villages fit: each option is "32.73.01.1001 (Kel. Sarijadi, Kec. Sukasari)". */
  | { kind: 'ambiguous'; message: string }
  | { kind: 'not-found'; message: string };

interface Region {
  code: string;
  name: string;
  kind?: string | null;
}

type Role = 'village' | 'subdistrict' | 'district' | 'province';

interface Segment {
  text: string;
  /** What its label said it is; null when it has none. */
  role: Role | null;
  /** For a labelled city or regency: which of the two. */
  districtKind?: 'KOTA' | 'KABUPATEN';
}

const VILLAGE_CODE = /(?<![\d.])(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})(?!\.?\d)/;

const LABELS: { role: Role; pattern: RegExp; districtKind?: 'KOTA' | 'KABUPATEN' }[] = [
  { role: 'village', pattern: /^(?:desa|ds|kelurahan|kel)\.?(?:\s*\/\s*(?:desa|ds|kelurahan|kel)\.?)?\s+/i },
  { role: 'subdistrict', pattern: /^(?:kecamatan|kec)\.?\s+/i },
  { role: 'district', pattern: /^(?:kabupaten|kab)\.?\s+/i, districtKind: 'KABUPATEN' },
  { role: 'district', pattern: /^kota\s+(?:(?:administrasi|adm)\.?\s+)?/i, districtKind: 'KOTA' },
  { role: 'province', pattern: /^(?:provinsi|propinsi|prov)\.?\s+/i },
];
/** Where a label starts a new segment in an address typed without commas. */
const LABEL_START = /\s+(?=(?:desa|ds|kelurahan|kel|kecamatan|kec|kabupaten|kab|kota|provinsi|propinsi|prov)\.?\s)/gi;

const DAY_MS = 24 * 3_600_000;
const PARALLEL_REQUESTS = 6;
const MAX_OPTIONS = 5;
const EXAMPLE = 'contoh: 32.73.01.1001, atau "Kel. Sarijadi, Kec. Sukasari, Kota Bandung"';

export class VillageDirectory {
  private readonly cache = new Map<string, { at: number; regions: Promise<Region[]> }>();

  constructor(private readonly aduan: Pick<AduanClient, 'regions'>, private readonly ttlMs = DAY_MS) {}

  async lookup(address: string): Promise<VillageLookup> {
    const code = VILLAGE_CODE.exec(address);
    if (code) return { kind: 'found', code: code.slice(1, 5).join('.') };

    const segments = splitAddress(address);
    const district = await this.findDistrict(segments);
    if ('kind' in district) return district;
    const { region: city, used } = district;

    const subdistricts = await this.children(city.code);
    const labelledSubdistrict = segments.find((s) => s.role === 'subdistrict');
    const unlabelled = segments.filter((s, i) => s.role === null && i !== used);
    let searched = subdistricts;
    let subdistrictSegment: Segment | undefined;
    if (labelledSubdistrict) {
      searched = subdistricts.filter((s) => same(s.name, labelledSubdistrict.text));
      if (searched.length === 0) return notFound(`Kecamatan "${quote(labelledSubdistrict.text)}" tidak ada di ${city.name}.`);
    } else {
      subdistrictSegment = unlabelled.find((s) => subdistricts.some((d) => same(d.name, s.text)));
      if (subdistrictSegment) searched = subdistricts.filter((d) => same(d.name, subdistrictSegment!.text));
    }

    const villages = (await this.all(searched, (s) => this.children(s.code))).flatMap((list, i) => list.map((v) => ({ ...v, subdistrict: searched[i] })));
    const labelledVillage = segments.find((s) => s.role === 'village');
    // Names to try as the village: the labelled one; else the unlabelled names, the one read as the kecamatan last
    // ("Karangpilang, Kota Surabaya" is Kelurahan Karangpilang in Kecamatan Karangpilang).
    const candidates = labelledVillage ? [labelledVillage] : [...unlabelled.filter((s) => s !== subdistrictSegment), ...(subdistrictSegment ? [subdistrictSegment] : [])];
    const where = labelledSubdistrict || subdistrictSegment ? `Kec. ${searched[0].name}, ${city.name}` : city.name;
    for (const candidate of candidates) {
      const matches = villages.filter((v) => same(v.name, candidate.text));
      if (matches.length === 1) return { kind: 'found', code: matches[0].code };
      if (matches.length > 1) {
        const options = matches.slice(0, MAX_OPTIONS).map((v) => `${v.code} (${villageLabel(v)} ${v.name}, Kec. ${v.subdistrict.name})`);
        return {
          kind: 'ambiguous',
          message: `ada ${matches.length} desa/kelurahan bernama "${quote(candidate.text)}" di ${where}. Kirim ulang dengan kodenya di bagian Alamat: ${options.join('; ')}.`,
        };
      }
    }
    if (labelledVillage) return notFound(`Desa/kelurahan "${quote(labelledVillage.text)}" tidak ada di ${where}. Periksa ejaannya, atau tulis kode desa/kelurahan (${EXAMPLE}).`);
    return notFound(`desa/kelurahannya belum dapat kami kenali di ${where}. Tulis "Desa ..." atau "Kel. ...", atau kode desa/kelurahan (${EXAMPLE}).`);
  }

  /** The city or regency the address names: labelled, or the last unlabelled name that is one (addresses end with the larger regions). */
  private async findDistrict(segments: Segment[]): Promise<{ region: Region; used: number } | VillageLookup> {
    const provinces = await this.children(undefined);
    // A province, when named, only narrows the search; one we cannot read is ignored rather than refused.
    const namedProvinces = provinces.filter((p) => segments.some((s) => (s.role === 'province' || s.role === null) && same(p.name, s.text)));
    const districts = (await this.all(namedProvinces.length ? namedProvinces : provinces, (p) => this.children(p.code))).flat();

    const labelled = segments.findIndex((s) => s.role === 'district');
    const order = labelled >= 0 ? [labelled] : segments.map((_, i) => segments.length - 1 - i).filter((i) => segments[i].role === null);
    for (const i of order) {
      const segment = segments[i];
      const matches = districts.filter((d) => same(bareDistrictName(d.name), segment.text) && (!segment.districtKind || districtKind(d) === segment.districtKind));
      if (matches.length === 1) return { region: matches[0], used: i };
      if (matches.length > 1) {
        return { kind: 'ambiguous', message: `"${quote(segment.text)}" bisa berarti ${matches.map((d) => d.name).join(' atau ')}; tulis salah satunya, atau kode desa/kelurahan.` };
      }
      if (segment.role === 'district') {
        return notFound(`${segment.districtKind === 'KOTA' ? 'Kota' : 'Kabupaten'} "${quote(segment.text)}" tidak kami kenali. Periksa ejaannya, atau tulis kode desa/kelurahan (${EXAMPLE}).`);
      }
    }
    return notFound(`sebutkan kota/kabupatennya, atau tulis kode desa/kelurahan (${EXAMPLE}).`);
  }

  /** Regions under a code (provinces for none), from the cache while it is fresh; a failed request is not kept. */
  private children(parentCode: string | undefined): Promise<Region[]> {
    const key = parentCode ?? '';
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.regions;
    const regions = this.aduan.regions(parentCode);
    this.cache.set(key, { at: Date.now(), regions });
    regions.catch(() => this.cache.delete(key));
    return regions;
  }

  /** `map` over items, a few requests at a time: a city's kecamatan in parallel, without flooding Aduan. */
  private async all<T, R>(items: readonly T[], map: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await map(items[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, items.length) }, worker));
    return results;
  }
}

function splitAddress(address: string): Segment[] {
  const text = address.replace(/\s+/g, ' ').trim();
  const pieces = text.includes(',') ? text.split(',') : text.replace(LABEL_START, ',').split(',');
  return pieces.map((piece) => piece.trim()).filter(Boolean).map((piece) => {
    for (const label of LABELS) {
      const match = label.pattern.exec(piece);
      if (match && piece.length > match[0].length) return { text: piece.slice(match[0].length).trim(), role: label.role, districtKind: label.districtKind };
    }
    return { text: piece, role: null };
  });
}

/** Letters and digits only, lower case, accents dropped: "Sadang Serang" and "sadangserang" are the same name. */
function key(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

function same(a: string, b: string): boolean {
  return key(a) === key(b);
}

/** "Kota Administrasi Jakarta Pusat" → "Jakarta Pusat", "Kabupaten Bandung" → "Bandung": what people write after the label. */
function bareDistrictName(name: string): string {
  return name.replace(/^(?:kota|kabupaten)\s+(?:administrasi\s+)?/i, '');
}

function districtKind(region: Region): 'KOTA' | 'KABUPATEN' | null {
  const kind = region.kind ?? (/^kota\b/i.test(region.name) ? 'KOTA' : /^kabupaten\b/i.test(region.name) ? 'KABUPATEN' : null);
  return kind === 'KOTA' || kind === 'KABUPATEN' ? kind : null;
}

function villageLabel(region: Region): string {
  return region.kind === 'DESA' ? 'Desa' : 'Kel.';
}

function notFound(message: string): VillageLookup {
  return { kind: 'not-found', message };
}
