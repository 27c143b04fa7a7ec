/**
 * Hands bytes or text to the browser as a download named `name` — the one way the portal saves a file (a letter,
 * a pack, the register, a data export). The object URL is revoked once the browser has had time to start the
 * download (revoking it at once can cancel it in some browsers).
 */
export function saveFile(data: BlobPart, name: string, type = 'application/octet-stream') {
  const href = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
