/**
 * Where and why a text is not JSON, without quoting it. V8's own `JSON.parse` messages quote the
 * input (`Unexpected token 'a', "AKIA…" is not valid JSON`), and the texts parsed here are pasted
 * account files and credential files, which may hold secrets: so the error is located by a small
 * scanner of our own and described in fixed words.
 */

/** The first syntax error of `text` as JSON: its 1-based line and column and what was expected. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  expected: string;
}

class Stop extends Error {
  constructor(
    readonly at: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** Scans `text` as JSON (RFC 8259) and returns its first error, or undefined when it is valid. */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(i, expected);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value (an object, array, string, number, true, false or null)');
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail('a closing quote (") of the string');
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail('no control character (such as a line break) inside a string');
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)');
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail('a number');
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('less deeply nested data');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail('a colon (:) after the property name');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail('a comma (,) or a closing brace (})');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail('a comma (,) or a closing bracket (])');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === undefined) fail('a value, but the text ended');
    fail('a value (an object, array, string, number, true, false or null)');
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('nothing more after the end of the JSON value');
    return undefined;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    const before = text.slice(0, err.at);
    const line = before.split('\n').length;
    const column = err.at - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, expected: err.expected };
  }
}

/** A message for text that `JSON.parse` refused: line, column and what was expected, never the text. */
export function describeJsonError(text: string): string {
  const e = findJsonError(text);
  if (!e) return 'it is not valid JSON';
  return `it is not valid JSON: at line ${e.line}, column ${e.column} the parser expected ${e.expected}`;
}
