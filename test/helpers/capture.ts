import { Writable } from 'node:stream';

/** A writable stream that keeps what is written, for asserting CLI output. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    callback();
  }
  get lines(): string[] {
    return this.text.split('\n').filter((l) => l !== '');
  }
}
