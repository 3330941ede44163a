/**
 * The few runtime globals the engine uses, present alike in browsers, workers and
 * Node 20. Declared here because the engine type-checks without the DOM library.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
interface CryptoKey {
  readonly type: string;
}
interface SubtleCrypto {
  importKey(format: 'raw', keyData: Uint8Array, algorithm: { name: 'HMAC'; hash: 'SHA-256' }, extractable: boolean, usages: ['sign']): Promise<CryptoKey>;
  sign(algorithm: 'HMAC', key: CryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
}
declare const crypto: {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends Uint8Array>(array: T): T;
};
declare function setTimeout(handler: () => void, timeout?: number): unknown;
interface MessagePortLike {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
}
declare class MessageChannel {
  readonly port1: MessagePortLike;
  readonly port2: MessagePortLike;
}
