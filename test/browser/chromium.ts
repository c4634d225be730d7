/**
 * Debian's Chromium for the browser tests, driven by playwright-core (a test tool's own browser
 * download does not work here). Found with `which chromium`; without it a suite is skipped, except
 * on CI (`CI` set), where `.ci/run` installs it and its absence is a failure.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';

function which(command: string): string | undefined {
  try {
    return execFileSync('which', [command], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const CHROMIUM = which('chromium');

/** A suite's title: says why it is skipped when there is no browser. */
export const suiteTitle = (what: string) => (CHROMIUM ? `${what} in headless Chromium` : `${what} (skipped: \`which chromium\` found no browser)`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
}

// On CI a missing browser is a failure, not a skip: CI installs Debian's chromium.
if (!CHROMIUM && process.env.CI) {
  describe('the browser tests on CI', () => {
    it('need Chromium', () => expect.fail("`which chromium` found nothing: install Debian's chromium package"));
  });
}
