/**
 * JSON schema of every per-turn LLM annotation answer: { "turns": [{ "turn": <1-based user turn>, <field>: … }] },
 * strict (no extra properties), as sent with response_format json_schema.
 */
export function perTurnAnswerSchema(field: string, fieldSchema: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      turns: {
        type: 'array',
        items: {
          type: 'object',
          properties: { turn: { type: 'integer' }, [field]: fieldSchema },
          required: ['turn', field],
          additionalProperties: false,
        },
      },
    },
    required: ['turns'],
    additionalProperties: false,
  };
}

/** A strict JSON-schema object with the given string/array properties, all required. */
export function strictObjectSchema(properties: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}
