// Settings (never the photo) as text: a URL fragment and a JSON file, so a consultation
// can reopen the same design on another photo.

const FRAGMENT_KEY = 'hairline';
export const SETTINGS_VERSION = 1;

/** Settings object → URL-safe base64 of its JSON. */
export function encodeFragment(settings) {
  const bytes = new TextEncoder().encode(JSON.stringify(settings));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `${FRAGMENT_KEY}=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** Reads settings from a location hash such as `#hairline=…`; null when absent. Throws on garbage. */
export function decodeFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const value = params.get(FRAGMENT_KEY);
  if (!value) return null;
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return parseSettings(new TextDecoder().decode(bytes));
}

/** Parses settings JSON text; checks its shape (the core checks the values). */
export function parseSettings(text) {
  let settings;
  try {
    settings = JSON.parse(text);
  } catch {
    throw Object.assign(new Error('This settings file is not valid JSON.'), { code: 'invalid-settings' });
  }
  if (!settings || typeof settings !== 'object' || typeof settings.options !== 'object' || settings.options === null) {
    throw Object.assign(new Error('This is not a Hairline settings file (it has no "options").'), { code: 'invalid-settings' });
  }
  return settings;
}

export function settingsBlob(settings) {
  return new Blob([JSON.stringify(settings, null, 2)], { type: 'application/json' });
}
