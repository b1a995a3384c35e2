// text-readability 1.1.1 ships plain ESM JavaScript without types; these are the members realsim uses.
// Its default export is an instance of its Readability class.
declare module 'text-readability' {
  interface Readability {
    /** Words: punctuation removed, then split on commas, spaces, \n and \r. */
    lexiconCount(text: string, removePunctuation?: boolean): number;
    /** Syllables of the lower-cased, punctuation-free text (npm "syllable"). */
    syllableCount(text: string, lang?: string): number;
    /** Sentences: split on . ? ! followed by a space/newline and a capital; pieces of ≤ 2 words ignored; at least 1. */
    sentenceCount(text: string): number;
    /** Flesch–Kincaid grade with intermediate rounding to one decimal. */
    fleschKincaidGrade(text: string): number;
  }
  const readability: Readability;
  export default readability;
}
