import { ApiError, api, sessionToken } from './api/client';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends one file as the multipart field `file`. XMLHttpRequest rather than fetch: only it reports
 * upload progress, which a phone on a slow link needs to see. Answers the parsed JSON body, or
 * throws an ApiError like the typed client does.
 */
export function sendFile<T>(method: 'POST' | 'PUT', url: string, file: File, onProgress?: (p: UploadProgress) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    const token = sessionToken.get();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    if (onProgress) xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server could not be reached. Check your connection and try again.'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'The upload was cancelled.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      if (xhr.status === 401 && token) {
        // The session ended: one call through the typed client lets it sign the tab out as usual.
        void api.GET('/api/v1/auth/me').catch(() => undefined);
      }
      reject(ApiError.from(new Response(null, { status: xhr.status, statusText: xhr.statusText }), body));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** "1.2 MB", "830 kB": file sizes as people read them. */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
