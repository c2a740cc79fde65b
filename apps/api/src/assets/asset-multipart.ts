import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@app/core';
import type { IncomingFile } from '@app/assets';

/**
 * The one file of a multipart upload (field `file`) as a stream, not read into memory. The parser
 * stops passing bytes one past `maxBytes`, so the library sees an oversized file and refuses it,
 * while the rest of the request is discarded.
 */
export async function streamSingleFile(request: FastifyRequest, maxBytes: number): Promise<IncomingFile> {
  if (!request.isMultipart()) {
    throw new DomainError('UPLOAD_NOT_MULTIPART', 'Send multipart/form-data with the file in a "file" field', 415, { fields: [{ field: 'file', problems: ['is missing'] }] });
  }
  const file: MultipartFile | undefined = await request.file({ limits: { fileSize: maxBytes + 1, files: 1 }, throwFileSizeLimit: false });
  if (!file || file.fieldname !== 'file') {
    file?.file.resume();
    throw new DomainError('UPLOAD_MISSING_FILE', 'Send the file in a "file" field', 400, { fields: [{ field: 'file', problems: ['is missing'] }] });
  }
  return { stream: file.file, fileName: file.filename };
}
