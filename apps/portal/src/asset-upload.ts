import { ApiError, sessionToken, type ApiErrorBody } from './api/client';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface Upload<T> {
  done: Promise<T>;
  abort: () => void;
}

/**
 * Uploads one file as multipart field `file` with the session's bearer token. fetch cannot report
 * upload progress, so this uses XMLHttpRequest; errors come back as ApiError like the typed client's,
 * with `fields.file` holding the problems of a refused file (413, 415).
 */
export function uploadFile<T>(url: string, file: File, onProgress: (progress: UploadProgress) => void): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.responseType = 'json';
    const token = sessionToken.get();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr.response as T);
      reject(errorOf(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload was interrupted. Check your connection and try again.'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'The upload was cancelled.'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  const body = xhr.response as ApiErrorBody | null;
  if (body && typeof body.code === 'string' && typeof body.message === 'string') {
    const fields: Record<string, string[]> = {};
    for (const f of body.details?.fields ?? []) fields[f.field] = [...(fields[f.field] ?? []), ...f.problems];
    return new ApiError(body.statusCode ?? xhr.status, body.code, body.message, fields, body.details ?? {}, body.requestId);
  }
  if (xhr.status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The file is too large for this type of asset.', { file: ['is too large for this type of asset'] });
  if (xhr.status === 415) return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'This type of file is not accepted for this asset.', { file: ['is not a type this asset accepts'] });
  return new ApiError(xhr.status, `HTTP_${xhr.status}`, xhr.statusText || 'The upload failed');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
