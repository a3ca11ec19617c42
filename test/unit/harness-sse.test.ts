/**
 * The harness bridge's Server-Sent Events parser (renderer/src/lib/harness-transport.ts): events
 * split anywhere across chunks, every line-end form, comments, and a large event fed in small
 * chunks arriving whole and once.
 */
import { describe, expect, it } from 'vitest';
import { makeSseParser } from '../../renderer/src/lib/harness-transport';

function collect(chunks: string[]): [string, string][] {
  const out: [string, string][] = [];
  const feed = makeSseParser((e, d) => out.push([e, d]));
  for (const c of chunks) feed(c);
  return out;
}

describe('makeSseParser', () => {
  it('parses named events and data lines, skipping comments', () => {
    expect(collect([': hello\n\nevent: a\ndata: {"x":1}\n\ndata: two\ndata: lines\n\n'])).toEqual([
      ['a', '{"x":1}'],
      ['message', 'two\nlines'],
    ]);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    const stream = 'event: p\ndata: 1\n\nevent: q\r\ndata: 2\r\n\r\nevent: r\rdata: 3\r\r';
    const whole = collect([stream]);
    expect(whole).toEqual([
      ['p', '1'],
      ['q', '2'],
      ['r', '3'],
    ]);
    for (let cut = 1; cut < stream.length; cut++)
      expect(collect([stream.slice(0, cut), stream.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    expect(collect([...stream])).toEqual(whole);
  });

  it('delivers a large event once, when its blank line arrives', () => {
    const data = JSON.stringify({ servers: Array.from({ length: 5000 }, (_, i) => ({ id: `s-${i}` })) });
    const stream = `event: fleet.page\ndata: ${data}\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < stream.length; i += 1024) chunks.push(stream.slice(i, i + 1024));
    const out = collect(chunks);
    expect(out).toHaveLength(1);
    expect(out[0]![0]).toBe('fleet.page');
    expect(JSON.parse(out[0]![1]).servers).toHaveLength(5000);
  });

  it('keeps an incomplete event for the next chunk', () => {
    const out: [string, string][] = [];
    const feed = makeSseParser((e, d) => out.push([e, d]));
    feed('event: a\ndata: 1\n');
    expect(out).toEqual([]);
    feed('\n');
    expect(out).toEqual([['a', '1']]);
  });
});
