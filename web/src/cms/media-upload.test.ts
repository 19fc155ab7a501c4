import { expect, test } from 'vitest';
import { bytesToBase64, formatBytes, uploadProblem } from './media-upload.ts';

test('only the CMS mime types up to 512 KB are uploaded', () => {
  expect(uploadProblem({ name: 'a.png', type: 'image/png', size: 1000 })).toBeNull();
  expect(uploadProblem({ name: 'a.exe', type: 'application/x-msdownload', size: 10 })).toMatch(/not accepted/);
  expect(uploadProblem({ name: 'big.png', type: 'image/png', size: 512 * 1024 + 1 })).toMatch(/over the 512 KB/);
  expect(uploadProblem({ name: 'none.txt', type: 'text/plain', size: 0 })).toBe('none.txt is empty');
});

test('bytes become base64 across chunk boundaries', () => {
  const bytes = new Uint8Array(0x8000 * 2 + 3).map((_, index) => index % 251);
  expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  expect(formatBytes(2048)).toBe('2.0 KB');
});
