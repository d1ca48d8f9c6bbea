import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { multipartBody } from './upload-client';

describe('multipartBody', () => {
  it('is read back by @fastify/multipart (the API’s parser) as the same files, names and bytes', async () => {
    const app = Fastify();
    await app.register(multipart);
    app.post('/upload', async (request) => {
      const files: Array<{ field: string; filename: string; bytes: string }> = [];
      for await (const part of request.files()) files.push({ field: part.fieldname, filename: part.filename, bytes: (await part.toBuffer()).toString('hex') });
      return files;
    });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x00]); // CR LF and "--" inside the bytes
    const png = Buffer.alloc(3000, 7);
    const form = multipartBody([
      { name: 'file', filename: 'a.jpg', bytes: jpeg },
      { name: 'file', filename: 'odd "name"\r\n.png', bytes: png },
    ]);
    const reply = await app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': form.contentType }, payload: form.body });
    await app.close();
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual([
      { field: 'file', filename: 'a.jpg', bytes: jpeg.toString('hex') },
      { field: 'file', filename: 'odd _name___.png', bytes: png.toString('hex') },
    ]);
  });
});
