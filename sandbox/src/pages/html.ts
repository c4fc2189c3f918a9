import { formatRupees } from '@marquee/shared';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;padding:24px;color:#1b1b1f;background:#fff}
h1{font-size:1.3rem;margin:0 0 4px}.muted{color:#555}.amount{font-size:2rem;font-weight:700;margin:16px 0}
button{display:block;width:100%;min-height:52px;margin:10px 0;font-size:1.05rem;border-radius:8px;border:2px solid #1b1b1f;background:#fff;cursor:pointer}
button.primary{background:#0b5cff;border-color:#0b5cff;color:#fff}button.danger{border-color:#b00020;color:#b00020}
.note{background:#fff8e1;border-left:4px solid #f5a623;padding:8px 12px;font-size:.9rem}
img{max-width:100%;image-rendering:pixelated}
</style></head><body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`;
}

export { formatRupees };
