import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyStrictCsp } from '../../scripts/strict-csp';

const built = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('applyStrictCsp', () => {
  it('replaces the module script with an inline loader whose hash is the only script source', () => {
    const { html, csp } = applyStrictCsp(built);
    expect(html).not.toMatch(/<script[^>]* src=/);
    const loader = /<script>(.*?)<\/script>/.exec(html)?.[1];
    expect(loader).toContain('s.src="./assets/index-abc.js"');
    expect(loader).toContain("s.type='module'");
    const hash = createHash('sha256').update(loader!).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}' 'strict-dynamic'`);
    expect(csp).not.toMatch(/'self'[^;]*;?\s*$|script-src[^;]*'self'/);
    expect(csp).not.toContain('unsafe');
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<meta charset'));
  });
  it('refuses HTML with no module script', () => {
    expect(() => applyStrictCsp('<html><head></head><body></body></html>')).toThrow(/no module script/);
  });
});
