/** Minimal typing for fontkit 2 (only what the letter renderer uses). */
declare module 'fontkit' {
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): object;
}
