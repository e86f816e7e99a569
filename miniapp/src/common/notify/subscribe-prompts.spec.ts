import { describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RESIDENT_PROMPTS } from '@linli/shared';

// Jest runs from the repository's root
const RESIDENT_SRC = path.resolve('miniapp/src/resident');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [fs.readFileSync(p, 'utf8')] : [];
  });
}

/**
 * The consent prompts can only run in WeChat (wx.requestSubscribeMessage), so no browser test reaches them: this
 * checks that every prompt is wired into a resident page, and (shared/src/notify/templates.spec.ts) that every
 * resident template is in a prompt. A template no page asks for never reaches WeChat.
 */
describe('resident consent prompts', () => {
  it('every RESIDENT_PROMPTS entry is asked on some resident page', () => {
    const code = sources(RESIDENT_SRC).join('\n');
    const unused = Object.keys(RESIDENT_PROMPTS).filter((k) => !new RegExp(`useSubscribePrompt\\(RESIDENT_PROMPTS\\.${k}\\)`).test(code));
    expect(unused).toEqual([]);
  });
});
