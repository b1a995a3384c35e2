/** A sentence encoder behind the knowledge dimension: texts in, one fixed-length vector per text out. */
export interface SentenceEncoder {
  /** Names the model and its package version, e.g. "USE-lite 512d (@energetic-ai/embeddings 0.2.0)". */
  readonly name: string;
  readonly dimensions: number;
  /** One vector per text, in input order; onEmbedded is called with the number of texts after each batch. */
  embed(texts: string[], onEmbedded?: (count: number) => void): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}
