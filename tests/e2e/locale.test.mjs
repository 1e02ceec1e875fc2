// Every visible string comes from the message table, in English, Spanish and German.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import en from '../../www/visualiser/messages/en.js';
import es from '../../www/visualiser/messages/es.js';
import de from '../../www/visualiser/messages/de.js';

const MESSAGES = { en, es, de };
import { openPage, inWidget } from './harness.mjs';

test('Spanish and German tables have every English key', () => {
  for (const locale of ['es', 'de']) {
    const missing = Object.keys(MESSAGES.en).filter((key) => !(key in MESSAGES[locale]));
    assert.deepEqual(missing, [], locale);
    const empty = Object.entries(MESSAGES[locale]).filter(([, text]) => !text.trim());
    assert.deepEqual(empty, [], locale);
  }
});

test('the locale attribute switches the widget language', async () => {
  const session = await openPage();
  try {
    const { page } = session;
    for (const [locale, expected] of [['es', 'Elegir una foto'], ['de', 'Foto auswählen']]) {
      await page.evaluate((l) => {
        const old = document.querySelector('hairline-visualiser');
        const fresh = document.createElement('hairline-visualiser');
        fresh.setAttribute('locale', l);
        old.replaceWith(fresh);
      }, locale);
      await page.waitForFunction(() => Number(document.querySelector('hairline-visualiser').dataset.rendered ?? 0) > 0);
      assert.match(await inWidget(page, '.file-input').locator('xpath=..').textContent(), new RegExp(expected));
    }
    assert.deepEqual(session.problems, []);
  } finally {
    await session.close();
  }
});
