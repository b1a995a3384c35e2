import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 speaking the chat-completions protocol (POST /v1/chat/completions),
 * for tests of the LLM path: no key, no network. Answers are a pure function of the request body, usage
 * fields are filled in, and faults can be injected per request. Every request is counted. A hanging
 * request is never answered: it ends when the client gives up (its timeout) or when the server closes, so
 * whether a request times out is decided by the fault plan, never by how fast the machine is.
 */
export type ServerFault =
  | 'rate-limit' // 429 with Retry-After
  | 'server-error' // 500
  | 'hang' // never answered (the client's timeout ends it)
  | 'malformed-body' // 200 with a body that is not JSON
  | 'truncated' // half the answer, finish_reason "length"
  | 'wrong-tags' // every snake_case string in the answer replaced by "unknown_tag" (or one put in an empty list)
  | 'not-json' // 200 with prose content instead of JSON
  | 'echo-key' // 401 whose message quotes the Authorization header back
  | 'fabricated-quote' // every "quote" value replaced by text the user never wrote (identity answers)
  | 'refuse-response-format'; // 400 naming response_format (an endpoint without JSON-schema support)

/**
 * The client timeout for tests whose plan includes 'hang': a loopback answer takes milliseconds, so only a
 * held request ever reaches it, even on a machine busy with other work (a 250 ms timeout once decided the
 * fate of ordinary answers there). Each hang costs this long, so plans keep hangs few or concurrent.
 */
export const TIMEOUT_FOR_HANGS_MILLISECONDS = 5_000;

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
  max_tokens?: number;
  temperature?: number;
  seed?: number;
}

export interface FaultQuestion {
  /** 1-based over all requests of this server. */
  requestNumber: number;
  /** 1-based count of requests with this exact body (a retry of the same item has attempt 2, 3 …). */
  attemptForBody: number;
  /** sha256 hex of the messages (model and response_format excluded). */
  bodyHash: string;
  body: ChatRequestBody;
}

export interface ChatCompletionsServerOptions {
  /** The answer text for a request (deterministic: a function of the body). */
  answer: (body: ChatRequestBody) => string;
  /** Which fault (if any) to inject for this request. */
  fault?: (question: FaultQuestion) => ServerFault | undefined;
  retryAfterSeconds?: number;
  /** Wait this long before every answer (a slow endpoint), after the request is counted. */
  delayMilliseconds?: number;
  /** 'echo-key': characters of padding before the echoed header in the error message (default 0). */
  echoKeyPadding?: (requestNumber: number) => number;
}

export interface ChatCompletionsServer {
  baseUrl: string;
  requestCount(): number;
  /** Faults injected so far, by kind. */
  faultCounts(): Partial<Record<ServerFault, number>>;
  /** Every request body received, in arrival order. */
  bodies(): ChatRequestBody[];
  /** Authorization headers received (to check what the client sent). */
  authorizations(): string[];
  /** Requests held by a 'hang' fault whose client is still waiting. */
  heldCount(): number;
  close(): Promise<void>;
}

/** Whether a body hash falls in the first `percent` of 100 buckets: a deterministic fault rate. */
export function hashSelects(bodyHash: string, percent: number, salt = ''): boolean {
  const bucket = Number.parseInt(createHash('sha256').update(`${salt}${bodyHash}`).digest('hex').slice(0, 8), 16) % 100;
  return bucket < percent;
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function completion(body: ChatRequestBody, content: string, finishReason: 'stop' | 'length', requestNumber: number) {
  const promptText = body.messages.map((message) => message.content).join('\n');
  return {
    id: `chatcmpl-loopback-${requestNumber}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason, logprobs: null }],
    usage: {
      prompt_tokens: estimateTokens(promptText),
      completion_tokens: estimateTokens(content),
      total_tokens: estimateTokens(promptText) + estimateTokens(content),
    },
  };
}

export async function startChatCompletionsServer(options: ChatCompletionsServerOptions): Promise<ChatCompletionsServer> {
  let requests = 0;
  const attemptsByBody = new Map<string, number>();
  const faults: Partial<Record<ServerFault, number>> = {};
  const received: ChatRequestBody[] = [];
  const authorizationHeaders: string[] = [];
  const held = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
        sendJson(response, 404, { error: { message: `no route ${request.method} ${request.url}`, type: 'not_found' } });
        return;
      }
      requests += 1;
      const requestNumber = requests;
      authorizationHeaders.push(String(request.headers.authorization ?? ''));
      let body: ChatRequestBody;
      try {
        body = JSON.parse(await readBody(request)) as ChatRequestBody;
      } catch {
        sendJson(response, 400, { error: { message: 'request body is not JSON', type: 'invalid_request_error' } });
        return;
      }
      received.push(body);
      const bodyHash = createHash('sha256').update(JSON.stringify(body.messages)).digest('hex');
      const attemptForBody = (attemptsByBody.get(bodyHash) ?? 0) + 1;
      attemptsByBody.set(bodyHash, attemptForBody);
      const fault = options.fault?.({ requestNumber, attemptForBody, bodyHash, body });
      if (fault) faults[fault] = (faults[fault] ?? 0) + 1;
      const answer = () => options.answer(body);
      if (options.delayMilliseconds !== undefined && fault !== 'hang') await new Promise((resolve) => setTimeout(resolve, options.delayMilliseconds));
      if (response.destroyed) return;
      switch (fault) {
        case 'rate-limit':
          sendJson(response, 429, { error: { message: 'rate limited', type: 'rate_limit_error' } }, { 'retry-after': String(options.retryAfterSeconds ?? 0) });
          return;
        case 'server-error':
          sendJson(response, 500, { error: { message: 'internal failure', type: 'server_error' } });
          return;
        case 'echo-key':
          sendJson(response, 401, {
            error: { message: `${'x'.repeat(options.echoKeyPadding?.(requestNumber) ?? 0)}invalid key in header: ${String(request.headers.authorization ?? '')}`, type: 'invalid_request_error' },
          });
          return;
        case 'refuse-response-format':
          if (body.response_format && body.response_format.type !== 'text') {
            sendJson(response, 400, { error: { message: 'response_format json_schema is not supported', type: 'invalid_request_error' } });
            return;
          }
          break;
        case 'hang':
          // held open: closeAllConnections() on close() ends it if the client has not given up first
          held.add(response);
          response.on('close', () => held.delete(response));
          return;
        case 'malformed-body': {
          const text = '{"id": "chatcmpl-broken", "choices": [{"message": {"content": "{\\"tu';
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
          response.end(text);
          return;
        }
        case 'truncated': {
          const full = answer();
          sendJson(response, 200, completion(body, full.slice(0, Math.floor(full.length / 2)), 'length', requestNumber));
          return;
        }
        case 'wrong-tags': {
          // every snake_case string becomes "unknown_tag"; an answer without one gets it in its first empty list
          const full = answer();
          const corrupted = /"[a-z]+(?:_[a-z]+)+"/.test(full) ? full.replace(/"[a-z]+(?:_[a-z]+)+"/g, '"unknown_tag"') : full.replace('[]', '["unknown_tag"]');
          sendJson(response, 200, completion(body, corrupted, 'stop', requestNumber));
          return;
        }
        case 'fabricated-quote': {
          const full = answer();
          sendJson(response, 200, completion(body, full.replace(/"quote":\s*"[^"]*"/g, '"quote": "a sentence nobody wrote here"'), 'stop', requestNumber));
          return;
        }
        case 'not-json':
          sendJson(response, 200, completion(body, 'Sure! Here are the labels you asked for.', 'stop', requestNumber));
          return;
        default:
          break;
      }
      sendJson(response, 200, completion(body, answer(), 'stop', requestNumber));
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: String(error), type: 'server_error' } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requestCount: () => requests,
    faultCounts: () => ({ ...faults }),
    bodies: () => [...received],
    authorizations: () => [...authorizationHeaders],
    heldCount: () => held.size,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
