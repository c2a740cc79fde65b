import { escapeHtml } from '@app/core';

const BASE_CSS = 'body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}h1{font-size:1.6rem}';
const FORM_CSS =
  'input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;margin:.5rem 0 1rem}button{font:inherit;padding:.5rem 1rem;background:#0b5fff;color:#fff;border:0;border-radius:4px}';

/**
 * The small HTML pages the public routes answer with (a used invitation, an ended campaign, a
 * thank-you). `body` is HTML the caller has already escaped; the title is escaped here.
 */
export function publicPage(title: string, body: string, options: { form?: boolean } = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${options.form ? FORM_CSS : ''}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
