import { describe, expect, it } from 'vitest';
import type { ClientResponse } from '@haven/domain';
import { createTestApp, memberSession, type Session } from '../support/app.js';
import { countClients, duplicateCheck, registerClient, searchClients } from './support.js';

/**
 * One search box finds a client by name (typos forgiven, any script, with or without accents),
 * alias, A-number, receipt number or phone, however the number is written; and before a second
 * record is made, Haven suggests the likely duplicates, strongest first.
 */
describe('client registry: search and duplicates', async () => {
  const t = await createTestApp();

  /** Carla's caseload at a fresh organization: the people the searches below look for. */
  async function caseload(session: Session) {
    const register = (body: Record<string, unknown>) => registerClient(session, body);
    return {
      amina: await register({ givenName: 'Amina', familyName: 'Hassan', dateOfBirth: '1990-04-12' }),
      mohammed: await register({ givenName: 'Mohammed', familyName: 'Osman' }),
      muhammad: await register({ givenName: 'Muhammad', familyName: 'Ali' }),
      jose: await register({ givenName: 'José', familyName: 'García' }),
      nour: await register({ givenName: 'Nour', familyName: 'Saleh', nativeName: 'نور صالح' }),
      hamid: await register({ givenName: 'Hamid', familyName: 'Rahimi', aliases: ['Hameed Rahimy'] }),
      yusuf: await register({
        givenName: 'Yusuf',
        familyName: 'Karimi',
        aNumber: 'A-204-817-365',
        receiptNumbers: ['IOE0912345678'],
        phones: [{ number: '+1 (616) 555-0142', whatsapp: true }],
      }),
      leila: await register({ givenName: 'Leila', familyName: 'Haddad', phones: [{ number: '616-555-0199' }] }),
    };
  }

  const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

  it('Carla finds people by family name and by a given or family name misspelt by a letter; each hit says it matched on the name, with a score', async () => {
    const carla = await memberSession(t, 'case_manager');
    const people = await caseload(carla.session);

    const byFamily = await searchClients(carla.session, 'Hassan');
    expect(ids(byFamily)).toEqual([people.amina.id]);
    expect(byFamily[0]).toMatchObject({ matchedOn: 'name', score: 1 });

    // A letter dropped: "Amna" for Amina (pg_trgm word similarity 0.4, just at the threshold).
    const typo = await searchClients(carla.session, 'Amna');
    expect(ids(typo)).toEqual([people.amina.id]);
    expect(typo[0]!.score).toBeGreaterThanOrEqual(0.4);
    expect(typo[0]!.score).toBeLessThan(1);
    // A letter doubled or dropped in the family name.
    expect(ids(await searchClients(carla.session, 'Hasan'))).toEqual([people.amina.id]);
    expect(ids(await searchClients(carla.session, 'Hadad'))).toEqual([people.leila.id]);
    // "Mohamed" is one letter from Mohammed. Muhammad is a different transliteration, too far for
    // trigrams (word similarity 0.18): it is found by its own spellings, such as "Muhamad".
    expect(ids(await searchClients(carla.session, 'Mohamed'))).toEqual([people.mohammed.id]);
    expect(ids(await searchClients(carla.session, 'Muhamad'))).toEqual([people.muhammad.id]);
    // Case does not matter, and the full name ranks the exact person first.
    expect(ids(await searchClients(carla.session, 'yusuf KARIMI'))).toEqual([people.yusuf.id]);
    expect(await searchClients(carla.session, 'Zhang')).toEqual([]);
  });

  it('Carla finds Nour by her name in Arabic script, with or without short vowels, and José with or without the accent', async () => {
    const carla = await memberSession(t, 'case_manager');
    const people = await caseload(carla.session);

    for (const q of ['نور', 'نُور', 'صالح', 'نور صالح', 'نُورٌ صَالِح']) {
      const hits = await searchClients(carla.session, q);
      expect(ids(hits), q).toEqual([people.nour.id]);
      expect(hits[0], q).toMatchObject({ matchedOn: 'name', nativeName: 'نور صالح' });
    }
    for (const q of ['Jose', 'josé', 'GARCIA', 'Jose Garcia']) {
      const hits = await searchClients(carla.session, q);
      expect(ids(hits), q).toEqual([people.jose.id]);
      expect(hits[0], q).toMatchObject({ givenName: 'José', familyName: 'García' });
    }
  });

  it('Carla finds Hamid by the alias on his old documents', async () => {
    const carla = await memberSession(t, 'case_manager');
    const people = await caseload(carla.session);
    expect(ids(await searchClients(carla.session, 'Hameed'))).toEqual([people.hamid.id]);
    expect(ids(await searchClients(carla.session, 'Rahimy'))).toEqual([people.hamid.id]);
  });

  it('Carla finds Yusuf by his A-number however it is written, by his receipt number, and by phone with or without +1 and punctuation', async () => {
    const carla = await memberSession(t, 'case_manager');
    const people = await caseload(carla.session);

    for (const q of ['A-204-817-365', 'A204817365', 'a 204 817 365', '204817365', '204-817-365', '204 817 365']) {
      const hits = await searchClients(carla.session, q);
      expect(ids(hits), q).toEqual([people.yusuf.id]);
      expect(hits[0], q).toMatchObject({ matchedOn: 'a_number', score: null, aNumberMasked: 'A-•••-••7-365' });
      expect(hits[0], q).not.toHaveProperty('aNumber');
    }
    for (const q of ['IOE0912345678', 'ioe0912345678', 'IOE-0912345678', 'ioe 0912345678']) {
      const hits = await searchClients(carla.session, q);
      expect(ids(hits), q).toEqual([people.yusuf.id]);
      expect(hits[0], q).toMatchObject({ matchedOn: 'receipt_number' });
    }
    // Saved as "+1 (616) 555-0142".
    for (const q of ['6165550142', '+1 616 555 0142', '(616) 555-0142', '1-616-555-0142', '+16165550142', '616.555.0142']) {
      const hits = await searchClients(carla.session, q);
      expect(ids(hits), q).toEqual([people.yusuf.id]);
      expect(hits[0], q).toMatchObject({ matchedOn: 'phone' });
    }
    // Saved as "616-555-0199", without the country code.
    expect(ids(await searchClients(carla.session, '+1 (616) 555-0199'))).toEqual([people.leila.id]);
    // A number one digit off finds no one: identifiers match exactly, never "nearly".
    expect(await searchClients(carla.session, 'A-204-817-364')).toEqual([]);
    expect(await searchClients(carla.session, '616-555-0143')).toEqual([]);
    expect(await searchClients(carla.session, 'IOE0912345679')).toEqual([]);

    // Ben, at another organization, finds no one with the same A-number, receipt or phone.
    const ben = await memberSession(t, 'supervisor');
    for (const q of ['A-204-817-365', 'IOE0912345678', '6165550142', 'Karimi']) {
      expect(await searchClients(ben.session, q), q).toEqual([]);
    }
  });

  it('the count above the results agrees with the results for every kind of search', async () => {
    const carla = await memberSession(t, 'case_manager');
    await caseload(carla.session);
    expect(await countClients(carla.session)).toBe(8);
    for (const q of ['Hassan', 'Amna', 'نُور', 'Jose', 'Hameed', 'Zhang', 'A-204-817-365', '204817365', 'ioe-0912345678', '+1 616 555 0142', '616-555-0199']) {
      const hits = await searchClients(carla.session, q);
      expect(await countClients(carla.session, q), q).toBe(hits.length);
    }
  });

  it('Carla searches a common family name with limit=2: two results, best match first, while the count tells her there are five', async () => {
    const carla = await memberSession(t, 'case_manager');
    const registered: ClientResponse[] = [];
    for (const givenName of ['Rania', 'Samir', 'Dina', 'Karim', 'Lama']) {
      registered.push(await registerClient(carla.session, { givenName, familyName: 'Haddad' }));
    }
    await registerClient(carla.session, { givenName: 'Omar', familyName: 'Nasser' });

    const page = await searchClients(carla.session, 'Haddad', 2);
    expect(page).toHaveLength(2);
    expect(registered.map((c) => c.id)).toEqual(expect.arrayContaining(ids(page)));
    expect(await countClients(carla.session, 'Haddad')).toBe(5);
    expect(await searchClients(carla.session, 'Haddad')).toHaveLength(5);

    // Every word typed must be found: the full name narrows to the one person, typo and all.
    const karim = await searchClients(carla.session, 'Karim Hadad', 2);
    expect(karim.map((c) => c.givenName)).toEqual(['Karim']);
    // A closer spelling ranks higher: "Haddad" matches them all exactly, "Hadad" less so.
    const exact = await searchClients(carla.session, 'Haddad', 1);
    const typo = await searchClients(carla.session, 'Hadad', 1);
    expect(exact[0]!.score).toBeGreaterThan(typo[0]!.score!);
  });

  describe('duplicates', () => {
    it('Carla starts registering Amina Hassan, born 1990-04-12, with an A-number and a phone: Haven lists the likely duplicates strongest first, each with its reasons', async () => {
      const carla = await memberSession(t, 'case_manager');
      const sameANumber = await registerClient(carla.session, { givenName: 'Yusuf', familyName: 'Karimi', aNumber: 'A-204-817-365' });
      const sameNameAndBirth = await registerClient(carla.session, { givenName: 'Amina', familyName: 'Hassan', dateOfBirth: '1990-04-12' });
      const sameNameAndPhone = await registerClient(carla.session, {
        givenName: 'Amina',
        familyName: 'Hasan',
        dateOfBirth: '1992-11-30',
        phones: [{ number: '+1 616 555 0142' }],
      });
      const sameNameOnly = await registerClient(carla.session, { givenName: 'Amina', familyName: 'Hassan', dateOfBirth: '1979-01-01' });
      await registerClient(carla.session, { givenName: 'Chen', familyName: 'Wei', dateOfBirth: '1990-04-12' });

      const candidates = await duplicateCheck(carla.session, {
        givenName: 'Amina',
        familyName: 'Hassan',
        dateOfBirth: '1990-04-12',
        aNumber: '204817365',
        phones: ['(616) 555-0142'],
      });
      expect(candidates.map((c) => c.client.id)).toEqual([sameANumber.id, sameNameAndBirth.id, sameNameAndPhone.id, sameNameOnly.id]);
      expect(candidates.map((c) => c.reasons)).toEqual([
        ['same_a_number'],
        ['similar_name', 'same_date_of_birth'],
        ['similar_name', 'same_phone'],
        ['similar_name'],
      ]);
      const scores = candidates.map((c) => c.score);
      expect(scores[0]).toBe(1);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(new Set(scores).size).toBe(4);
      for (const score of scores) {
        expect(score).toBeGreaterThanOrEqual(0.5);
        expect(score).toBeLessThanOrEqual(1);
      }
      // The candidates are summaries: the A-number is masked.
      expect(candidates[0]!.client).toMatchObject({ aNumberMasked: 'A-•••-••7-365' });
      expect(candidates[0]!.client).not.toHaveProperty('aNumber');

      // Misspelt as "Amna", the name alone is too weak a match (0.4), but with the same date of
      // birth it is still suggested.
      const misspelt = await duplicateCheck(carla.session, { givenName: 'Amna', familyName: 'Hassan', dateOfBirth: '1990-04-12' });
      expect(misspelt.map((c) => c.client.id)).toEqual([sameNameAndBirth.id]);
      expect(misspelt[0]!.reasons).toEqual(['similar_name', 'same_date_of_birth']);

      // Someone unrelated, born another day, with other numbers: no suggestion.
      expect(
        await duplicateCheck(carla.session, {
          givenName: 'Tesfaye',
          familyName: 'Bekele',
          dateOfBirth: '1990-04-13',
          aNumber: 'A-301-222-333',
          phones: ['+1 616 555 0900'],
        }),
      ).toEqual([]);
    });

    it("Carla asks for the duplicates of Amina's saved record: the record itself is not among them, her namesake is", async () => {
      const carla = await memberSession(t, 'case_manager');
      const amina = await registerClient(carla.session, { givenName: 'Amina', familyName: 'Hassan', dateOfBirth: '1990-04-12', phones: [{ number: '616-555-0142' }] });
      const namesake = await registerClient(carla.session, { givenName: 'Amina', familyName: 'Hasan', dateOfBirth: '1990-04-12' });
      await registerClient(carla.session, { givenName: 'Chen', familyName: 'Wei' });

      const response = await carla.session.get(`/api/clients/${amina.id}/duplicates`);
      expect(response.statusCode, response.body).toBe(200);
      const items = response.json<{ items: { client: { id: string }; reasons: string[] }[] }>().items;
      expect(items.map((c) => c.client.id)).toEqual([namesake.id]);
      expect(items[0]!.reasons).toEqual(['similar_name', 'same_date_of_birth']);

      // Alone in an organization, a record has no duplicates at all.
      const ben = await memberSession(t, 'case_manager');
      const solo = await registerClient(ben.session, { givenName: 'Amina', familyName: 'Hassan', dateOfBirth: '1990-04-12', aNumber: 'A-204-817-365' });
      expect((await ben.session.get(`/api/clients/${solo.id}/duplicates`)).json()).toEqual({ items: [] });
    });
  });
});
