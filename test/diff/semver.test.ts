import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, compatibilityLine, isBreakingBump, nextBreaking, nextCompatible, nextPatch, parseVersion } from '../../src/diff/semver.ts';

const v = (text: string) => {
  const parsed = parseVersion(text);
  assert.ok(parsed, text);
  return parsed;
};

describe('semver reading of the version gate', () => {
  it('parses semver and rejects what is not', () => {
    assert.deepEqual(parseVersion('1.2.3-rc.1+build.5'), { major: 1, minor: 2, patch: 3, prerelease: 'rc.1' });
    for (const bad of ['1.2', '01.2.3', '1.2.3.4', 'v1.2.3', '']) assert.equal(parseVersion(bad), null, bad);
  });

  it('uses the left-most non-zero component as the compatibility line (0.x rule)', () => {
    assert.equal(compatibilityLine(v('1.4.2')), '1');
    assert.equal(compatibilityLine(v('0.3.1')), '0.3');
    assert.equal(compatibilityLine(v('0.0.3')), '0.0.3');
  });

  it('knows which bumps allow breaking changes', () => {
    const table: Array<[string, string, boolean]> = [
      ['1.4.2', '2.0.0', true], ['1.4.2', '1.5.0', false], ['1.4.2', '1.4.3', false],
      ['0.3.1', '0.4.0', true], ['0.3.1', '0.3.2', false], ['0.3.1', '1.0.0', true],
      ['0.0.3', '0.0.4', true], ['1.4.2', '2.0.0-rc.1', true], ['2.0.0', '1.0.0', false], ['1.0.0', '1.0.0', false],
    ];
    for (const [from, to, breaking] of table) assert.equal(isBreakingBump(v(from), v(to)), breaking, `${from} → ${to}`);
  });

  it('orders pre-releases below their release', () => {
    assert.ok(compareVersions(v('2.0.0-rc.1'), v('2.0.0')) < 0);
    assert.ok(compareVersions(v('2.0.0-rc.2'), v('2.0.0-rc.10')) < 0);
    assert.ok(compareVersions(v('2.0.0-alpha'), v('2.0.0-beta')) < 0);
    assert.ok(compareVersions(v('2.0.0-1'), v('2.0.0-alpha')) < 0);
  });

  it('suggests the next versions', () => {
    assert.equal(nextBreaking(v('1.4.2')), '2.0.0');
    assert.equal(nextBreaking(v('0.3.1')), '0.4.0');
    assert.equal(nextCompatible(v('1.4.2')), '1.5.0');
    assert.equal(nextCompatible(v('0.3.1')), '0.3.2');
    assert.equal(nextPatch(v('1.4.2')), '1.4.3');
  });
});
