import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@app/core';

/** The one file of a multipart upload, in a field named `file`, at most `maxBytes`. */
export async function readSingleFile(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  return (await readSingleUpload(request, maxBytes)).data;
}

/** The one file of a multipart upload and the name its sender gave it (untrusted: sanitise before use). */
export async function readSingleUpload(request: FastifyRequest, maxBytes: number): Promise<{ data: Buffer; fileName: string | undefined }> {
  if (!request.isMultipart()) {
    throw new DomainError('UPLOAD_NOT_MULTIPART', 'Send multipart/form-data with the file in a "file" field', 415, {
      fields: [{ field: 'file', problems: ['is missing'] }],
    });
  }
  const file: MultipartFile | undefined = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file || file.fieldname !== 'file') {
    throw new DomainError('UPLOAD_MISSING_FILE', 'Send the file in a "file" field', 400, { fields: [{ field: 'file', problems: ['is missing'] }] });
  }
  try {
    return { data: await file.toBuffer(), fileName: file.filename };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError('UPLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`, 413, {
        fields: [{ field: 'file', problems: [`must be at most ${maxBytes} bytes`] }],
      });
    }
    throw error;
  }
}
