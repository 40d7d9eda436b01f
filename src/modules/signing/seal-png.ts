/**
 * The seal image an admin uploads: a PNG with transparency (the paper shows through where the seal
 * has no ink), checked before it is stored so that no letter ever fails to render because of it.
 */
export const MAX_SEAL_BYTES = 512 * 1024;

export type SealPngCheck = { ok: true; width: number; height: number } | { ok: false; message: string };

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function checkSealPng(png: Buffer): SealPngCheck {
  if (png.length > MAX_SEAL_BYTES) return { ok: false, message: `印章图片不得超过 ${MAX_SEAL_BYTES / 1024} KB` };
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    return { ok: false, message: '印章图片须为 PNG 格式' };
  }
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colorType = png[25];
  if (width < 64 || height < 64 || width > 4096 || height > 4096) return { ok: false, message: '印章图片的宽、高须在 64 至 4096 像素之间' };
  // alpha channel (grey+alpha 4, RGBA 6), or a tRNS chunk (transparency of a palette or one colour)
  let transparent = colorType === 4 || colorType === 6;
  for (let at = 8; !transparent && at + 8 <= png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'tRNS') transparent = true;
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + len;
  }
  if (!transparent) return { ok: false, message: '印章图片须为带透明背景的 PNG（含 Alpha 通道或透明色）' };
  return { ok: true, width, height };
}
