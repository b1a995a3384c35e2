/** Where JSON text first goes wrong and what a parser expected there. */
export interface JsonSyntaxLocation {
  /** Index into the string (UTF-16 code units), equal to text.length at the end of the input. */
  offset: number;
  /** What was expected, in words: `"," or "]" after an array element`. */
  expected: string;
}

class JsonSyntaxStop {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {}
}

const NUMBER_PATTERN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * A small JSON (RFC 8259) checker used only after JSON.parse has failed, so error messages carry the
 * same line, column and reason on every Node version. Returns undefined if the text is valid JSON.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxLocation | undefined {
  let index = 0;
  const skipWhitespace = (): void => {
    while (index < text.length) {
      const character = text[index];
      if (character !== ' ' && character !== '\t' && character !== '\n' && character !== '\r') return;
      index += 1;
    }
  };
  const readString = (): void => {
    index += 1;
    for (;;) {
      if (index >= text.length) throw new JsonSyntaxStop(index, 'a closing double quote');
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        index += 1;
        return;
      }
      if (code < 0x20) throw new JsonSyntaxStop(index, 'no raw control character inside a string (escape it)');
      if (code === 0x5c) {
        const escape = text[index + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) throw new JsonSyntaxStop(index, 'four hex digits after \\u');
          index += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) throw new JsonSyntaxStop(index, 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)');
        index += 2;
        continue;
      }
      index += 1;
    }
  };
  const readValue = (context: string): void => {
    skipWhitespace();
    const character = text[index];
    if (character === '{') {
      index += 1;
      skipWhitespace();
      if (text[index] === '}') {
        index += 1;
        return;
      }
      for (;;) {
        skipWhitespace();
        if (text[index] !== '"') throw new JsonSyntaxStop(index, 'a property name in double quotes');
        readString();
        skipWhitespace();
        if (text[index] !== ':') throw new JsonSyntaxStop(index, '":" after a property name');
        index += 1;
        readValue('a value after ":"');
        skipWhitespace();
        if (text[index] === ',') {
          index += 1;
          continue;
        }
        if (text[index] === '}') {
          index += 1;
          return;
        }
        throw new JsonSyntaxStop(index, '"," or "}" after a property value');
      }
    }
    if (character === '[') {
      index += 1;
      skipWhitespace();
      if (text[index] === ']') {
        index += 1;
        return;
      }
      for (let first = true; ; first = false) {
        readValue(first ? 'a value or "]"' : 'a value after ","');
        skipWhitespace();
        if (text[index] === ',') {
          index += 1;
          continue;
        }
        if (text[index] === ']') {
          index += 1;
          return;
        }
        throw new JsonSyntaxStop(index, '"," or "]" after an array element');
      }
    }
    if (character === '"') return readString();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, index)) {
        index += literal.length;
        return;
      }
    }
    NUMBER_PATTERN.lastIndex = index;
    const number = NUMBER_PATTERN.exec(text);
    if (number && number[0].length > 0) {
      index += number[0].length;
      return;
    }
    throw new JsonSyntaxStop(index, context);
  };
  try {
    readValue('a JSON value');
    skipWhitespace();
    if (index < text.length) throw new JsonSyntaxStop(index, 'nothing after the JSON value');
    return undefined;
  } catch (stop) {
    if (stop instanceof JsonSyntaxStop) return { offset: stop.offset, expected: stop.expected };
    throw stop;
  }
}
