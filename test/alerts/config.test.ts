import { describe, expect, it } from 'vitest';
import { AlertsConfigError, parseAlertsConfig } from '../../src/alerts/config.ts';

const ok = { areas: [{ name: 'x', cells: ['8430e1dffffffff'] }] };

describe('alerts file', () => {
  it("accepts the issue's example and fills the defaults", () => {
    const c = parseAlertsConfig(
      {
        areas: [
          { name: 'Kaesong', center: { lat: 37.97, lon: 126.55 }, radius_km: 150 },
          { name: 'Incheon FIR', polygon: [[37.0, 124.0], [38.6, 124.0], [38.6, 127.0], [37.0, 127.0]], kinds: ['jamming'], min_band: 'medium' },
        ],
        webhooks: [{ url: 'https://example.org/hook', secret: '…' }],
        mqtt: { url: 'mqtt://127.0.0.1:1883', topic: 'gnsswatch' },
      },
      'f',
    );
    expect(c.webhooks[0]).toEqual({ url: 'https://example.org/hook', secret: '…', timeout_s: 10, max_attempts: 8 });
    expect(c.ended_after_s).toBe(600);
    expect(parseAlertsConfig(ok, 'f').webhooks).toEqual([]);
  });

  const bad: [string, unknown, string][] = [
    ['a webhook URL that is not http(s)', { ...ok, webhooks: [{ url: 'mailto:a@b', secret: 's' }] }, 'f: webhooks[0].url: must be an http(s) URL'],
    ['a webhook without a secret', { ...ok, webhooks: [{ url: 'http://127.0.0.1/h' }] }, 'f: webhooks[0].secret: every webhook needs a secret (the HMAC-SHA256 key)'],
    ['a latitude out of range', { areas: [{ name: 'x', polygon: [[91, 0], [0, 1], [1, 1]] }] }, 'f: areas[0].polygon[0][0]: latitude must be from -90 to 90'],
    ['a polygon of two points', { areas: [{ name: 'x', polygon: [[1, 0], [0, 1]] }] }, 'f: areas[0].polygon: a polygon needs at least 3 [lat, lon] points'],
    ['a circle and cells at once', { areas: [{ name: 'x', center: { lat: 1, lon: 1 }, radius_km: 5, cells: ['8430e1dffffffff'] }] }, "f: areas[0]: area 'x' needs exactly one of center + radius_km, polygon, or cells"],
    ['an unknown kind', { areas: [{ name: 'x', cells: ['8430e1dffffffff'], kinds: ['meaconing'] }] }, 'f: areas[0].kinds[0]: kinds are jamming and/or spoofing'],
    ['two areas of one name', { areas: [ok.areas[0], ok.areas[0]] }, "f: two areas are named 'x': give each a different name"],
    ['an MQTT URL of another scheme', { ...ok, mqtt: { url: 'http://broker' } }, 'f: mqtt.url: must be an mqtt://, mqtts://, ws:// or wss:// URL'],
  ];
  for (const [what, json, message] of bad) {
    it(`rejects ${what} in one line`, () => {
      expect(() => parseAlertsConfig(json, 'f')).toThrow(new AlertsConfigError(message));
    });
  }
});
