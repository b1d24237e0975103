import { describe, expect, it } from 'vitest';
import { choosePlaces, minPopulation, type Place } from '../../web/src/places.ts';

const P = (name: string, x: number, y: number, pop: number, capital = 0): Place => [name, x, y, pop, capital];
const screen = (p: Place) => ({ x: p[1], y: p[2] });

describe('choosePlaces', () => {
  it('names bigger places first and skips one that would overlap an already named one', () => {
    const places = [P('Seoul', 100, 100, 9e6), P('Incheon', 130, 105, 3e6), P('Far', 400, 100, 2e6)];
    const got = choosePlaces(places, () => true, screen, 8).map((p) => p[0]);
    expect(got).toEqual(['Seoul', 'Far']); // Incheon's label would run into Seoul's
  });

  it('places on other lines do not collide', () => {
    const places = [P('Seoul', 100, 100, 9e6), P('Incheon', 100, 130, 3e6)];
    expect(choosePlaces(places, () => true, screen, 8).map((p) => p[0])).toEqual(['Seoul', 'Incheon']);
  });

  it('shows only large towns at small zooms, capitals from zoom 3, nothing out of view', () => {
    const places = [P('Mega', 0, 0, 8e6), P('Town', 0, 300, 200_000), P('Capital', 0, 600, 50_000, 1), P('Hidden', 0, 900, 9e6)];
    const inView = (p: Place) => p[0] !== 'Hidden';
    expect(choosePlaces(places, inView, screen, 2).map((p) => p[0])).toEqual(['Mega']);
    expect(choosePlaces(places, inView, screen, 3.5).map((p) => p[0])).toEqual(['Mega', 'Capital']);
    expect(choosePlaces(places, inView, screen, 7).map((p) => p[0])).toEqual(['Mega', 'Town', 'Capital']);
    expect(minPopulation(1)).toBeGreaterThan(minPopulation(6));
  });

  it('stops at the maximum', () => {
    const places = Array.from({ length: 100 }, (_, i) => P(`p${i}`, 0, i * 40, 1e6));
    expect(choosePlaces(places, () => true, screen, 8, 10)).toHaveLength(10);
  });
});
