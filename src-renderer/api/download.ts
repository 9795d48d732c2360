/**
 * Saves text the API returned as a file the browser downloads (the desktop app asks
 * where to save it). Made in the page from a Blob: no second request, no server path.
 */
export function downloadText(fileName: string, content: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL can go.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
