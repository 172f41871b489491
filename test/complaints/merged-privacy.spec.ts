import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { clients, COMPLAINT_FIELDS, ok, stored, submitted, timeline } from '../support/handling';
import { useTestServer } from '../support/server';

// The server's clock is the run's own (no date is written here): nothing below depends on a day.
const db = useTestDatabase('demo');
const api = useTestServer(db);
const { portal, village, district, public: anyone } = clients(api);

const TRACK_MERGED = `query ($code: String!) { trackComplaint(trackingCode: $code) {
  trackingCode status statusLabel currentTier lastUpdatedAt publicResponses { message }
  mergedHandling { status statusLabel currentTier tierLabel decision decisionLabel dueAt } } }`;
const MERGED = `complaint { ${COMPLAINT_FIELDS} duplicateOf { id trackingCode } } duplicateOf { id trackingCode version }`;

describe('a complaint merged into another keeps its people apart', () => {
  it('B’s tracker shows B’s own code, that it was merged and how the merged handling ends — never A’s code or A’s texts', async () => {
    // A: a conduct complaint about the village office, handled by the district (the village never sees it).
    const a = await submitted(api, { category: 'SERVICE_CONDUCT', description: 'Petugas kelurahan meminta uang agar nama kami dimasukkan.' });
    expect(a.currentTier).toBe('DISTRICT');
    // B: about the same family's missing payment, at the village.
    const b = await submitted(api);
    const merged = await ok(district, 'markDuplicate', { complaintId: b.id, version: 1, duplicateOfId: a.id }, MERGED);
    // Handlers keep the link as before.
    expect(merged.complaint).toMatchObject({ status: 'DUPLICATE', duplicateOf: { id: a.id, trackingCode: a.trackingCode } });

    // B's public event names no other code; nobody reading B's timeline learns A's code.
    const bEvents = (await stored(db, b.id)).events;
    expect(bEvents.at(-1)).toMatchObject({ type: 'MARKED_DUPLICATE', visibility: 'PUBLIC' });
    expect(JSON.stringify(bEvents.filter((e) => e.visibility === 'PUBLIC'))).not.toContain(a.trackingCode);
    for (const reader of [portal, village]) {
      const events = await timeline(reader, b.id);
      expect(events.map((e) => e.type)).toContain('MARKED_DUPLICATE');
      expect(JSON.stringify(events)).not.toContain(a.trackingCode);
    }

    // A's answer can name A's complainant: it stays on A.
    const answer = 'Ibu Ratna, laporan Anda tentang pungutan oleh petugas kelurahan sedang kami periksa.';
    await ok(district, 'respondToComplaint', { complaintId: a.id, version: 2, message: answer });

    const tracked = (await anyone(TRACK_MERGED, { code: b.trackingCode })).body.data.trackComplaint;
    expect(tracked).toMatchObject({
      trackingCode: b.trackingCode, status: 'DUPLICATE', statusLabel: 'Digabung dengan pengaduan lain',
      mergedHandling: { status: 'RECEIVED', statusLabel: 'Diterima', currentTier: 'DISTRICT', tierLabel: 'Dinas Sosial kabupaten/kota', decision: null, decisionLabel: null },
    });
    expect(tracked.mergedHandling.dueAt).not.toBeNull();
    expect(tracked.publicResponses.map((r: { message: string }) => r.message)).toEqual([expect.stringMatching(/digabungkan/)]);
    expect(JSON.stringify(tracked)).not.toContain(a.trackingCode);
    expect(JSON.stringify(tracked)).not.toContain('Ratna');

    // A's own tracker is as before, and says nothing of B.
    const trackedA = (await anyone(TRACK_MERGED, { code: a.trackingCode })).body.data.trackComplaint;
    expect(trackedA).toMatchObject({ trackingCode: a.trackingCode, status: 'RECEIVED', mergedHandling: null, publicResponses: [{ message: answer }] });
    expect(JSON.stringify(trackedA)).not.toContain(b.trackingCode);

    // How it ends: A's resolution reaches B's tracker as a status and a decision in words, not as A's text.
    const decision = 'Petugas yang bersangkutan telah diberi sanksi dan uang Ibu Ratna dikembalikan.';
    await ok(district, 'resolveComplaint', { complaintId: a.id, version: 3, decision: 'UPHELD', publicResponse: decision });
    const ended = (await anyone(TRACK_MERGED, { code: b.trackingCode })).body.data.trackComplaint;
    expect(ended).toMatchObject({
      trackingCode: b.trackingCode, status: 'DUPLICATE',
      mergedHandling: { status: 'RESOLVED', statusLabel: 'Selesai ditindaklanjuti', decision: 'UPHELD', decisionLabel: 'Pengaduan diterima dan ditindaklanjuti', dueAt: null },
    });
    expect(JSON.stringify(ended)).not.toContain(a.trackingCode);
    expect(JSON.stringify(ended)).not.toContain('Ratna');
    // In English on request.
    const english = (await api.gql(TRACK_MERGED, { code: b.trackingCode }, { 'accept-language': 'en' })).body.data.trackComplaint;
    expect(english.mergedHandling).toMatchObject({ statusLabel: 'Resolved', decisionLabel: 'Upheld: acted upon' });
  });
});
